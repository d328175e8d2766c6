package org.earshot.pipeline.nlp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** ISO 639-3 codes, as OpenNLP's language detector answers, to the ISO 639-1 codes mentions carry. */
final class LanguageCodes {
    private static final Map<String, String> TO_ISO_639_1 = new HashMap<>();

    static {
        for (String two : Locale.getISOLanguages()) {
            try {
                TO_ISO_639_1.put(new Locale(two).getISO3Language(), two);
            } catch (java.util.MissingResourceException e) {
                // a code without a three-letter form
            }
        }
        // Macrolanguage members the detector names by their individual code.
        Map<String, String> members = Map.ofEntries(Map.entry("cmn", "zh"), Map.entry("yue", "zh"), Map.entry("arz", "ar"),
                Map.entry("pes", "fa"), Map.entry("prs", "fa"), Map.entry("zlm", "ms"), Map.entry("zsm", "ms"),
                Map.entry("ekk", "et"), Map.entry("lvs", "lv"), Map.entry("uzn", "uz"), Map.entry("azj", "az"),
                Map.entry("khk", "mn"), Map.entry("plt", "mg"), Map.entry("swh", "sw"), Map.entry("npi", "ne"),
                Map.entry("ory", "or"), Map.entry("gug", "gn"), Map.entry("nob", "nb"), Map.entry("nno", "nn"),
                Map.entry("als", "sq"), Map.entry("ydd", "yi"), Map.entry("quz", "qu"), Map.entry("lav", "lv"));
        TO_ISO_639_1.putAll(members);
    }

    private LanguageCodes() {}

    /** The two-letter code, or {@code und} for a language without one. */
    static String toIso6391(String iso3) {
        return TO_ISO_639_1.getOrDefault(iso3, LanguageDetection.UNDETERMINED);
    }
}
