package org.earshot.dashboards.views;

import java.util.List;

/**
 * What a view counts: one rule, or a project (its brand's rules; with its competitors' for share of voice).
 *
 * @param kind rule or project
 */
public record Scope(String kind, String id, String name, List<String> brand, List<String> competitors) {
    /** The rules the view counts mentions of: the brand's. */
    public List<String> rules() {
        return brand;
    }

    public List<String> allRules() {
        return java.util.stream.Stream.concat(brand.stream(), competitors.stream()).distinct().toList();
    }
}
