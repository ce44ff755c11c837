-- The family index's tables (see index.py): SQLite.
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE notice(id TEXT PRIMARY KEY, hash TEXT, unit TEXT);
CREATE TABLE unit(id TEXT PRIMARY KEY, names TEXT, rank TEXT);
CREATE TABLE item(kind TEXT, id TEXT, rank TEXT, unit TEXT, notice TEXT, issue TEXT, text TEXT,
                  row INTEGER, PRIMARY KEY(kind, id));
CREATE TABLE row(kind TEXT, row INTEGER, norm TEXT, fam TEXT, PRIMARY KEY(kind, row));
CREATE TABLE edge(kind TEXT, a INTEGER, b INTEGER, score REAL, PRIMARY KEY(kind, a, b)) WITHOUT ROWID;
CREATE TABLE segment(kind TEXT, name TEXT);
CREATE TABLE xitem(kind TEXT, id TEXT, rank TEXT, unit TEXT, notice TEXT, issue TEXT, text TEXT,
                   key TEXT, doc TEXT, PRIMARY KEY(kind, id));
CREATE TABLE xfam(kind TEXT, key TEXT, id TEXT, PRIMARY KEY(kind, key));
CREATE TABLE sent(id TEXT PRIMARY KEY, rank TEXT, unit TEXT, notice TEXT, text TEXT, norm TEXT);
CREATE TABLE written(id TEXT PRIMARY KEY, base TEXT, kind TEXT, scope TEXT);
CREATE TABLE member(fid TEXT, item TEXT, unit TEXT);

-- indexes: created after a build's bulk insert
CREATE INDEX item_notice ON item(kind, notice);
CREATE INDEX item_row_rank ON item(kind, row, rank);
CREATE UNIQUE INDEX row_norm ON row(kind, norm);
CREATE INDEX row_fam ON row(kind, fam);
CREATE INDEX edge_b ON edge(kind, b);
CREATE INDEX xitem_key ON xitem(kind, key);
CREATE INDEX xitem_notice ON xitem(kind, notice);
CREATE INDEX sent_notice ON sent(notice);
CREATE INDEX sent_norm ON sent(norm);
CREATE INDEX written_base ON written(base);
CREATE INDEX member_fid ON member(fid, item);
CREATE INDEX member_unit ON member(fid, unit);
