package org.earshot.jobs.settings;

import java.util.List;

/** How scheduled reports are mailed (by {@code earshot serve} and the demo): the SMTP server and the sender. */
public final class ReportsKeys {
    public static final Setting<String> SMTP_HOST = Setting.optional("reports.smtp.host", SettingType.text(), "",
            "the SMTP server scheduled reports are sent through; unset, schedules are kept but nothing is sent");
    public static final Setting<Integer> SMTP_PORT = Setting.of("reports.smtp.port", SettingType.integer(1, 65_535), 587,
            "its port");
    public static final Setting<String> SMTP_USER = Setting.optional("reports.smtp.user", SettingType.text(), "",
            "the user to sign in as (unset: send without signing in, as to a relay on this machine)");
    public static final Setting<String> SMTP_PASSWORD = Setting.optional("reports.smtp.password", SettingType.text(), "",
            "that user's password").asSecret();
    public static final Setting<String> SMTP_FROM = Setting.of("reports.smtp.from", SettingType.text(), "earshot@localhost",
            "the sender's address");
    public static final Setting<Boolean> SMTP_STARTTLS = Setting.of("reports.smtp.starttls", SettingType.bool(), true,
            "require STARTTLS, so the password and the reports are encrypted on the way (false only for a server on this machine)");

    static final List<Setting<?>> ALL = List.of(SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMTP_STARTTLS);

    private ReportsKeys() {}
}
