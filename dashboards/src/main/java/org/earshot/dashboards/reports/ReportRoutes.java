package org.earshot.dashboards.reports;

import java.util.ArrayList;
import java.util.List;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.server.ApiException;
import org.earshot.dashboards.server.Download;
import org.earshot.dashboards.server.Param;
import org.earshot.dashboards.server.Params;
import org.earshot.dashboards.server.Route;
import org.earshot.dashboards.views.Filter;
import org.earshot.dashboards.views.Period;
import org.earshot.dashboards.views.Scope;
import org.earshot.dashboards.views.Scopes;
import org.earshot.dashboards.views.ViewRoutes;
import org.earshot.dashboards.views.Views;

/** {@code GET /api/v1/reports/export?format=…}: a view or a whole report as a file, for the same parameters as the views. */
public final class ReportRoutes {
    private final Reports reports;
    private final Views views;
    private final Scopes scopes;
    private final ViewRoutes viewRoutes;

    public ReportRoutes(Reports reports, Views views, Scopes scopes, ViewRoutes viewRoutes) {
        this.reports = reports;
        this.views = views;
        this.scopes = scopes;
        this.viewRoutes = viewRoutes;
    }

    public List<Route> routes() {
        List<Param> params = new ArrayList<>(ViewRoutes.PERIOD);
        params.add(Param.query("format", "pdf, pptx or xlsx (every view; the XLSX lists every mention too), csv or png (one view's table or chart)"));
        params.add(Param.query("view", "only this view: " + String.join(", ", Reports.VIEWS.keySet()) + " (needed for csv and png)"));
        List<String> types = java.util.Arrays.stream(ExportFormat.values()).map(f -> f.contentType.split(";")[0]).toList();
        return List.of(Route.download("/api/v1/reports/export", Role.VIEWER, "reports",
                "A view or every view as a PDF report, slides, a workbook, a CSV table or a PNG chart", params, types, (ctx, caller) -> {
                    String name = Params.string(ctx, "format");
                    if (name == null) throw ApiException.badRequest("parameter 'format' is needed: pdf, pptx, xlsx, csv or png");
                    ExportFormat format;
                    try {
                        format = ExportFormat.of(name);
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest("parameter 'format': " + Params.abbreviate(e.getMessage()));
                    }
                    String view = Params.string(ctx, "view");
                    if (format.oneView && view == null) {
                        throw ApiException.badRequest("parameter 'view' is needed for " + format.extension() + ": one of " + Reports.VIEWS.keySet());
                    }
                    Period period = viewRoutes.period(ctx);
                    Scope scope = scopes.of(ctx);
                    Filter filter = ViewRoutes.filter(ctx);
                    Report report;
                    try {
                        report = reports.make(scope, period, filter, view);
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest("parameter 'view': " + Params.abbreviate(e.getMessage()));
                    }
                    return new Download(Exports.filename(report, format), format.contentType, out -> Exports.write(report, format, views, filter, out));
                }));
    }
}
