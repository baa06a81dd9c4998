/**
 * Schema migrations, applied in order. `PRAGMA user_version` holds how many have run, so a
 * database written by an older version is brought forward on open. Never edit a shipped
 * migration: add a new one.
 */
export const migrations: readonly string[] = [
  /* 1: the catalog */ `
  CREATE TABLE brands (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    website TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    priority INTEGER NOT NULL DEFAULT 0,
    settings TEXT NOT NULL DEFAULT '{}',
    fetch_strategy TEXT CHECK (fetch_strategy IN ('http', 'browser')),
    last_scraped_at TEXT,
    last_status TEXT,
    created_at TEXT NOT NULL
  );

  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    brand_id INTEGER NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
    trigger TEXT NOT NULL,
    status TEXT NOT NULL
      CHECK (status IN ('running', 'succeeded', 'failed', 'stopped', 'interrupted')),
    started_at TEXT NOT NULL,
    ended_at TEXT,
    pages_visited INTEGER NOT NULL DEFAULT 0,
    products_found INTEGER NOT NULL DEFAULT 0,
    products_new INTEGER NOT NULL DEFAULT 0,
    products_updated INTEGER NOT NULL DEFAULT 0,
    products_unchanged INTEGER NOT NULL DEFAULT 0,
    products_missing INTEGER NOT NULL DEFAULT 0,
    error_count INTEGER NOT NULL DEFAULT 0,
    message TEXT
  );
  CREATE INDEX runs_brand ON runs (brand_id, id DESC);
  CREATE INDEX runs_status ON runs (status);

  CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    brand_id INTEGER NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    name TEXT NOT NULL,
    brand TEXT,
    sku TEXT,
    mpn TEXT,
    gtin TEXT,
    price REAL,
    currency TEXT,
    availability TEXT,
    description TEXT,
    category TEXT,
    images TEXT NOT NULL DEFAULT '[]',
    specs TEXT NOT NULL DEFAULT '{}',
    raw TEXT,
    content_hash TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    last_changed_at TEXT NOT NULL,
    missing_since TEXT,
    last_run_id INTEGER,
    UNIQUE (brand_id, url)
  );
  CREATE INDEX products_brand_name ON products (brand_id, name);
  CREATE INDEX products_name ON products (name COLLATE NOCASE);

  CREATE VIRTUAL TABLE products_fts USING fts5(
    name, sku, mpn, gtin, description, category, specs,
    content = 'products', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER products_ai AFTER INSERT ON products BEGIN
    INSERT INTO products_fts (rowid, name, sku, mpn, gtin, description, category, specs)
    VALUES (new.id, new.name, new.sku, new.mpn, new.gtin, new.description, new.category, new.specs);
  END;
  CREATE TRIGGER products_ad AFTER DELETE ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, name, sku, mpn, gtin, description, category, specs)
    VALUES ('delete', old.id, old.name, old.sku, old.mpn, old.gtin, old.description, old.category, old.specs);
  END;
  CREATE TRIGGER products_au AFTER UPDATE OF name, sku, mpn, gtin, description, category, specs
  ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, name, sku, mpn, gtin, description, category, specs)
    VALUES ('delete', old.id, old.name, old.sku, old.mpn, old.gtin, old.description, old.category, old.specs);
    INSERT INTO products_fts (rowid, name, sku, mpn, gtin, description, category, specs)
    VALUES (new.id, new.name, new.sku, new.mpn, new.gtin, new.description, new.category, new.specs);
  END;

  CREATE TABLE logs (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
    source TEXT NOT NULL,
    brand TEXT,
    run_id INTEGER,
    message TEXT NOT NULL
  );
  CREATE INDEX logs_brand ON logs (brand, id);

  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  /*
   * 2: the brand a page states is `stated_brand`, apart from the catalog's brand (`brand_id`).
   * The full-text index and its triggers do not name the column, so they stay as they are.
   */ `
  ALTER TABLE products RENAME COLUMN brand TO stated_brand;
  `,
  /*
   * 3: many workers on one catalog. A registry of workers, a claim (lease) per brand being
   * scraped, the worker each run belongs to, dead links apart from errors, and the time each
   * brand is next due (backfilled from its last run: 24 h after a success, 1 h after a failure).
   */ `
  CREATE TABLE workers (
    id TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    mode TEXT NOT NULL,
    state TEXT NOT NULL,
    current_brand_id INTEGER REFERENCES brands(id) ON DELETE SET NULL,
    progress TEXT,
    next_brand_id INTEGER REFERENCES brands(id) ON DELETE SET NULL,
    next_brand_at TEXT,
    started_at TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL,
    lease_ms INTEGER NOT NULL,
    stop_requested_at TEXT
  );

  CREATE TABLE claims (
    brand_id INTEGER PRIMARY KEY REFERENCES brands(id) ON DELETE CASCADE,
    worker_id TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    claimed_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX claims_worker ON claims (worker_id);

  ALTER TABLE runs ADD COLUMN worker_id TEXT;
  ALTER TABLE runs ADD COLUMN dead_links INTEGER NOT NULL DEFAULT 0;

  ALTER TABLE brands ADD COLUMN next_due_at TEXT;
  UPDATE brands SET next_due_at = strftime('%Y-%m-%dT%H:%M:%fZ', last_scraped_at,
    CASE last_status WHEN 'succeeded' THEN '+24 hours' ELSE '+1 hours' END)
  WHERE last_status IN ('succeeded', 'failed');
  CREATE INDEX brands_queue ON brands (enabled, next_due_at);
  `,
  /*
   * 4: workers on other machines through Redis. Each attempt of a remote worker at a brand is a
   * run; the coordinator maps the attempt to its run. `queue_cursor` keeps the id of the last
   * stream entry committed, in the same transaction as what it wrote, so an entry read again
   * after a crash is skipped, never stored twice.
   */ `
  CREATE TABLE remote_attempts (
    attempt_id TEXT PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE
  );
  CREATE TABLE queue_cursor (
    stream TEXT PRIMARY KEY,
    last_entry_id TEXT NOT NULL
  );
  `,
  /*
   * 5: the JSON endpoint a brand's script-rendered pages take their product from, as the crawler
   * learnt it (JSON text, validated by the crawler when read back), so the next run starts
   * from it instead of rendering its samples again.
   */ `
  ALTER TABLE brands ADD COLUMN json_endpoint TEXT;
  `
]
