-- Foundation: facilities, accounts, postings with history, tokens.
CREATE TABLE facilities (
    id BIGSERIAL PRIMARY KEY,
    gmis_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    prefecture_code TEXT NOT NULL,
    email TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE accounts (
    id BIGSERIAL PRIMARY KEY,
    role TEXT NOT NULL,
    login_id TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    password_hash TEXT,
    facility_id BIGINT REFERENCES facilities(id),
    created_at TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP
);
CREATE INDEX accounts_facility_idx ON accounts (facility_id);

CREATE TABLE jobseekers (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(id),
    name TEXT NOT NULL,
    name_kana TEXT,
    phone TEXT,
    prefecture_code TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE one_time_tokens (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    purpose TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE refresh_tokens (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

-- Filterable and sortable fields are columns; the rest of the form is JSON text in
-- `posting_documents`, which keeps these rows narrow for scans. `public_search_text` is
-- built from public fields only (and the identity only when masking was not asked for).
CREATE TABLE postings (
    id BIGSERIAL PRIMARY KEY,
    facility_id BIGINT NOT NULL REFERENCES facilities(id),
    status TEXT NOT NULL,
    close_reason TEXT,
    closed_at TIMESTAMP,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    mask_requested BOOLEAN NOT NULL,
    occupation TEXT NOT NULL,
    facility_type TEXT NOT NULL,
    prefecture_code TEXT NOT NULL,
    municipality TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    duty_general_outpatient BOOLEAN NOT NULL,
    duty_returnee_contact_outpatient BOOLEAN NOT NULL,
    duty_health_center BOOLEAN NOT NULL,
    duty_mild_case_accommodation BOOLEAN NOT NULL,
    duty_other BOOLEAN NOT NULL,
    wage_unit TEXT NOT NULL,
    wage_amount_yen BIGINT NOT NULL,
    public_search_text TEXT NOT NULL
);
CREATE INDEX postings_facility_idx ON postings (facility_id, created_at DESC);
-- Pages in each sort order.
CREATE INDEX postings_open_newest_idx ON postings (status, created_at DESC, id DESC);
CREATE INDEX postings_open_occ_pref_idx ON postings (status, occupation, prefecture_code, created_at DESC);
CREATE INDEX postings_open_pref_idx ON postings (status, prefecture_code, created_at DESC);
CREATE INDEX postings_open_wage_idx ON postings (status, wage_unit, wage_amount_yen DESC);
CREATE INDEX postings_open_start_idx ON postings (status, start_date, id);
CREATE INDEX postings_open_occ_wage_idx ON postings (status, occupation, wage_unit, wage_amount_yen DESC, id DESC);
-- Covers the facet scan (total and all facet counts in one pass) without touching the rows.
CREATE INDEX postings_facets_idx ON postings (
    status, occupation, prefecture_code, facility_type,
    duty_general_outpatient, duty_returnee_contact_outpatient, duty_health_center,
    duty_mild_case_accommodation, duty_other,
    wage_unit, wage_amount_yen, start_date, end_date, municipality
);

-- `details_json` is always public; `maskable_json` holds exactly the fields masking withholds.
CREATE TABLE posting_documents (
    posting_id BIGINT PRIMARY KEY REFERENCES postings(id),
    details_json TEXT NOT NULL,
    maskable_json TEXT NOT NULL
);

-- Bumped by every posting write, in the writing transaction: search caches facet counts
-- per generation, so every server instance sees a change at once.
CREATE TABLE search_state (
    id INTEGER PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO search_state (id, generation) VALUES (1, 0);

CREATE TABLE posting_history (
    id BIGSERIAL PRIMARY KEY,
    posting_id BIGINT NOT NULL REFERENCES postings(id),
    account_id BIGINT REFERENCES accounts(id),
    action TEXT NOT NULL,
    changes_json TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX posting_history_posting_idx ON posting_history (posting_id, id);

-- Keyword search: substring match on the public text, served by a trigram index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX postings_search_trgm_idx ON postings USING gin (public_search_text gin_trgm_ops);
