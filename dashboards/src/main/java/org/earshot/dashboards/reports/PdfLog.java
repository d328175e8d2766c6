package org.earshot.dashboards.reports;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf's log, sent to Earshot's (SLF4J) rather than to java.util.logging's console: its warnings as
 * warnings, its notes on every page as debug.
 */
final class PdfLog implements XRLogger {
    private static final Logger LOG = LoggerFactory.getLogger("org.earshot.dashboards.reports.pdf");

    @Override
    public void log(String where, Level level, String msg) {
        log(where, level, msg, null);
    }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
        if (level.intValue() >= Level.WARNING.intValue()) LOG.warn("{}: {}", where, msg, th);
        else LOG.debug("{}: {}", where, msg, th);
    }

    @Override
    public void setLevel(String logger, Level level) {
        // Earshot's logging configuration decides.
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic d) {
        return d.getLevel().intValue() >= Level.WARNING.intValue() ? LOG.isWarnEnabled() : LOG.isDebugEnabled();
    }
}
