-- The publishedAt a source sent when it could not be true (far in the future, or before 1990), as
-- text; published_at then holds when the post was fetched. Empty when the source's time was kept.
ALTER TABLE mentions
    ADD COLUMN IF NOT EXISTS published_at_claimed String DEFAULT '' AFTER published_at;
