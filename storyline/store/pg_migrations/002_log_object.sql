-- An entity's history on its page: the identity decisions (link_log rows, action entity-*) about it.
CREATE INDEX link_log_object ON link_log(object);
