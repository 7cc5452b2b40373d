-- What the web pages read: the most recently active stories first. Without it the stories page
-- sorted every story row on each request.
CREATE INDEX stories_end ON stories(json_extract(data, '$.end'), id);
