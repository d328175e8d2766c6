package org.earshot.pipeline.query;

import java.util.List;
import java.util.stream.Collectors;
import org.earshot.pipeline.query.QueryNode.And;
import org.earshot.pipeline.query.QueryNode.Field;
import org.earshot.pipeline.query.QueryNode.Fuzzy;
import org.earshot.pipeline.query.QueryNode.Near;
import org.earshot.pipeline.query.QueryNode.Not;
import org.earshot.pipeline.query.QueryNode.Or;
import org.earshot.pipeline.query.QueryNode.Phrase;
import org.earshot.pipeline.query.QueryNode.Raw;
import org.earshot.pipeline.query.QueryNode.Term;
import org.earshot.pipeline.query.QueryNode.Wildcard;

/** A parsed query written out with every operator and group explicit, so an analyst sees how it was read. */
public final class QueryPrinter {
    private QueryPrinter() {}

    public static String explain(QueryNode node) {
        if (node instanceof Term t) return t.text();
        if (node instanceof Wildcard w) return w.pattern();
        if (node instanceof Fuzzy f) return f.text() + "~" + f.edits();
        if (node instanceof Phrase p) return "\"" + p.text() + "\"" + (p.slop() > 0 ? "~" + p.slop() : "");
        if (node instanceof Raw r) return "raw:\"" + r.text() + "\"";
        if (node instanceof Field f) return f.field() + ":" + group(f.query());
        if (node instanceof Not n) return "NOT " + group(n.query());
        if (node instanceof Near n) {
            return group(n.left()) + (n.ordered() ? " NEAR/" + n.distance() + "f " : " NEAR/" + n.distance() + " ") + group(n.right());
        }
        if (node instanceof And a) return join(a.clauses(), " AND ");
        return join(((Or) node).clauses(), " OR ");
    }

    private static String join(List<QueryNode> clauses, String operator) {
        return clauses.stream().map(QueryPrinter::group).collect(Collectors.joining(operator));
    }

    private static String group(QueryNode node) {
        boolean compound = node instanceof And || node instanceof Or || node instanceof Near;
        return compound ? "(" + explain(node) + ")" : explain(node);
    }
}
