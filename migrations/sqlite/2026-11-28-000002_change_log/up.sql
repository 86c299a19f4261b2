-- The change log: every state change of a posting, a thread, an account or a facility,
-- appended in the transaction of the change. `seq` comes from the one-row counter below,
-- whose row lock is held until the writing transaction ends: sequence numbers are taken in
-- commit order, so a reader that has seen N never later finds a smaller one committed,
-- and a rolled-back change leaves no gap. Consumers (mail, and later webhooks, partner
-- feeds, digests, alerts) keep their own cursor in change_cursors.
CREATE TABLE change_seq (
    id INTEGER PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
INSERT INTO change_seq (id, last_seq) VALUES (1, 0);

CREATE TABLE change_log (
    seq BIGINT PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX change_log_entity ON change_log (entity, entity_id, seq);

CREATE TABLE change_cursors (
    consumer TEXT PRIMARY KEY,
    last_seq BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
