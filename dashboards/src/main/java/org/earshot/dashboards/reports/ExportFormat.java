package org.earshot.dashboards.reports;

import java.util.Arrays;
import java.util.Locale;

/** The formats a report exports to; CSV and PNG hold one view (its table, its chart), the others all of them. */
public enum ExportFormat {
    PDF("application/pdf", false),
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", false),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false),
    CSV("text/csv; charset=utf-8", true),
    PNG("image/png", true);

    public final String contentType;
    /** Whether the format holds one view only. */
    public final boolean oneView;

    ExportFormat(String contentType, boolean oneView) {
        this.contentType = contentType;
        this.oneView = oneView;
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code name} (any case); an unknown one is refused with the list of known ones. */
    public static ExportFormat of(String name) {
        for (ExportFormat f : values()) if (f.name().equalsIgnoreCase(name)) return f;
        throw new IllegalArgumentException("unknown format '" + name + "': expected one of " + Arrays.stream(values()).map(ExportFormat::extension).toList());
    }
}
