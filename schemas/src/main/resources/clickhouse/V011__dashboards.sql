-- The dashboards' API tokens: only a SHA-256 of each token is kept (tokens are 256 random bits, so a
-- plain hash cannot be reversed by guessing). A revocation is a new version of the row.
CREATE TABLE IF NOT EXISTS api_tokens
(
    id         String,
    hash       String,
    name       String,
    role       LowCardinality(String),
    created_at DateTime64(3, 'UTC'),
    revoked    UInt8 DEFAULT 0,
    version    DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- Projects: a brand's rules and its competitors' rules, read together for share of voice. An edit or a
-- deletion is a new version of the row; readers take the latest (FINAL) and skip deleted ones.
CREATE TABLE IF NOT EXISTS projects
(
    id               String,
    name             String,
    brand_rules      Array(String),
    competitor_rules Array(String),
    deleted          UInt8 DEFAULT 0,
    version          DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
