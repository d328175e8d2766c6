package org.earshot.pipeline.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where an account's secret is, and how to get it: {@code env:VAR} (an environment variable), {@code file:PATH} (a
 * file, its first line), or {@code encrypted:BASE64}: AES-256-GCM under a key derived (PBKDF2-SHA256) from a passphrase
 * the user provides ({@code publish.accounts-key}), with its salt and nonce. Errors name the reference, never the secret.
 */
public final class Credentials {
    static final String ENCRYPTED = "encrypted:";
    private static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Credentials() {}

    /** The secret {@code reference} points at; {@code key} opens encrypted ones (may be null otherwise). */
    public static String resolve(String reference, String key) {
        if (reference == null || reference.isBlank()) throw new IllegalArgumentException("no credential is set");
        if (reference.startsWith("env:")) {
            String value = System.getenv(reference.substring(4));
            if (value == null || value.isBlank()) throw new IllegalArgumentException("environment variable " + reference.substring(4) + " is not set");
            return value.strip();
        }
        if (reference.startsWith("file:")) {
            Path file = Path.of(reference.substring(5));
            try {
                String value = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
                if (value.isEmpty()) throw new IllegalArgumentException("credential file " + file + " is empty");
                return value;
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read credential file " + file + ": " + e.getMessage());
            }
        }
        if (reference.startsWith(ENCRYPTED)) return decrypt(reference.substring(ENCRYPTED.length()), key);
        throw new IllegalArgumentException("a credential is env:VAR, file:PATH or encrypted:…");
    }

    /** {@code secret} encrypted under {@code passphrase}, as a reference to keep in the accounts file. */
    public static String encrypt(String secret, String passphrase) {
        requireKey(passphrase);
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(passphrase, salt), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[salt.length + nonce.length + sealed.length];
            System.arraycopy(salt, 0, out, 0, 16);
            System.arraycopy(nonce, 0, out, 16, 12);
            System.arraycopy(sealed, 0, out, 28, sealed.length);
            return ENCRYPTED + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt: " + e.getMessage(), e);
        }
    }

    private static String decrypt(String sealed, String passphrase) {
        requireKey(passphrase);
        byte[] all;
        try {
            all = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the encrypted credential is not Base64");
        }
        if (all.length < 28 + 16) throw new IllegalArgumentException("the encrypted credential is too short");
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(passphrase, Arrays.copyOfRange(all, 0, 16)), new GCMParameterSpec(128, all, 16, 12));
            return new String(cipher.doFinal(all, 28, all.length - 28), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the accounts key does not open this credential (a different key encrypted it)");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot decrypt the credential: " + e.getMessage());
        }
    }

    private static void requireKey(String passphrase) {
        if (passphrase == null || passphrase.length() < 12) {
            throw new IllegalArgumentException("an encrypted credential needs the accounts key (publish.accounts-key, or EARSHOT_PUBLISH_ACCOUNTS_KEY), of 12 characters or more");
        }
    }

    private static SecretKeySpec key(String passphrase, byte[] salt) throws GeneralSecurityException {
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(passphrase.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
        return new SecretKeySpec(key, "AES");
    }
}
