-- Values too big to be a post are refused by the table itself, whoever writes to it; the
-- Earshot sink dead-letters such a row with the column and ClickHouse's error.
ALTER TABLE mentions ADD CONSTRAINT IF NOT EXISTS text_size CHECK length(text) <= 1048576;
ALTER TABLE mentions ADD CONSTRAINT IF NOT EXISTS title_size CHECK length(title) <= 65536;
ALTER TABLE mentions ADD CONSTRAINT IF NOT EXISTS url_size CHECK length(url) <= 16384 AND length(canonical_url) <= 16384;
