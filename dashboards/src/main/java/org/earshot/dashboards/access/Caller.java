package org.earshot.dashboards.access;

/** Who made a request: the token's id and name (never the token) and its role. */
public record Caller(String tokenId, String name, Role role) {}
