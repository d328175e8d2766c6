package org.earshot.dashboards.rules;

import java.util.List;

/** A brand watched with its competitors: the rules that find each, read together for share of voice. */
public record Project(String id, String name, List<String> brandRules, List<String> competitorRules) {
    public List<String> allRules() {
        return java.util.stream.Stream.concat(brandRules.stream(), competitorRules.stream()).distinct().toList();
    }
}
