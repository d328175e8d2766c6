package org.earshot.pipeline.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.List;
import java.util.Properties;

/**
 * Sends mail over SMTP (Jakarta Mail, Angus): a text part, an HTML part and an attachment if any, for scheduled
 * reports and alerts. STARTTLS is required
 * when asked for, so a password never crosses the network in the clear; the password is never logged.
 */
public final class Mailer {
    /**
     * Where and as whom mail is sent.
     *
     * @param user empty for a server that takes mail without signing in (a relay on this machine)
     */
    public record Smtp(String host, int port, String user, String password, String from, boolean starttls) implements java.io.Serializable {
        @Override
        public String toString() {
            return "smtp://" + (user.isEmpty() ? "" : user + "@") + host + ":" + port; // never the password
        }
    }

    /** A message to send, with its attachment (null {@code attachment} for none). */
    public record Mail(List<String> to, String subject, String text, String html, String filename, String contentType, byte[] attachment,
                       String messageId) {
        /** A message without attachment. */
        public static Mail of(List<String> to, String subject, String text, String html, String messageId) {
            return new Mail(to, subject, text, html, null, null, null, messageId);
        }
    }

    private final Smtp smtp;
    private final Session session;

    public Mailer(Smtp smtp) {
        this.smtp = smtp;
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        p.put("mail.smtp.auth", String.valueOf(!smtp.user().isEmpty()));
        p.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
        p.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        p.put("mail.smtp.writetimeout", "30000");
        this.session = Session.getInstance(p);
    }

    public void send(Mail mail) throws MessagingException {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // The same id for the same report, so a mail system can drop a repeat.
                setHeader("Message-ID", mail.messageId());
            }
        };
        m.setFrom(new InternetAddress(smtp.from()));
        for (String to : mail.to()) m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject(mail.subject(), "UTF-8");
        MimeMultipart body = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(mail.html(), "text/html; charset=UTF-8");
        body.addBodyPart(text);
        body.addBodyPart(html);
        if (mail.attachment() == null) {
            m.setContent(body);
            transport(m);
            return;
        }
        MimeBodyPart content = new MimeBodyPart();
        content.setContent(body);
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(mail.attachment(), mail.contentType())));
        file.setFileName(mail.filename());
        MimeMultipart all = new MimeMultipart("mixed");
        all.addBodyPart(content);
        all.addBodyPart(file);
        m.setContent(all);
        transport(m);
    }

    private void transport(MimeMessage m) throws MessagingException {
        if (smtp.user().isEmpty()) Transport.send(m);
        else Transport.send(m, smtp.user(), smtp.password());
    }

    /** The address, checked as RFC 822 has it; refused with the reason otherwise. */
    public static String address(String text) {
        try {
            InternetAddress a = new InternetAddress(text, true);
            if (a.getAddress().contains(",")) throw new AddressException("a comma");
            return a.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("'" + text + "' is not an email address (" + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return smtp.toString();
    }
}
