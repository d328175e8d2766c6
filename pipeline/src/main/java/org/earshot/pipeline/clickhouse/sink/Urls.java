package org.earshot.pipeline.clickhouse.sink;

import java.util.regex.Pattern;

/** URLs as messages and logs may show them: without the credentials a user may have put in them. */
public final class Urls {
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@\\s]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([?&;](?:password|user_password|key|token|secret|access_token)=)[^&;\\s]*");

    private Urls() {}

    /** {@code jdbc:clickhouse:http://***@host:8123/db?password=***}: user, password and secret parameters masked. */
    public static String redacted(String url) {
        if (url == null) return null;
        return SECRET_PARAMETER.matcher(USER_INFO.matcher(url).replaceAll("$1***@")).replaceAll("$1***");
    }
}
