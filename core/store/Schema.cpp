#include "store/Schema.h"

namespace rs {

namespace {

// v1: datasets with their users, items (metadata) and ratings; import reject reports.
// Dense indices follow the natural order of the external ids (numeric when all ids are numbers),
// so ORDER BY idx is the order an analyst expects. A dataset's ratings are one contiguous rowid
// range appended in (user, item) order: rating k of the dataset has row = row_base + k, and a
// user's ratings are rows row_base + first_row .. + n_ratings - 1. Range scans therefore replace
// secondary indexes (appending rowid rows is what makes 25M-row imports fast). items.first_row
// is the position of the item's first rating in (item, user) order.
// Bulk tables carry no foreign keys (per-row checks would slow 25M-row imports); DatasetStore
// deletes a dataset's rows explicitly in one transaction.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE datasets(
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    source             TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    n_users            INTEGER NOT NULL,
    n_items            INTEGER NOT NULL,
    n_ratings          INTEGER NOT NULL,
    rating_min         REAL NOT NULL,
    rating_max         REAL NOT NULL,
    rating_step        REAL NOT NULL,
    implicit           INTEGER NOT NULL DEFAULT 0,
    has_time           INTEGER NOT NULL DEFAULT 0,
    has_item_meta      INTEGER NOT NULL DEFAULT 0,
    duplicates         INTEGER NOT NULL DEFAULT 0,
    rejected           INTEGER NOT NULL DEFAULT 0,
    options            TEXT NOT NULL DEFAULT '{}',
    extra_item_columns TEXT NOT NULL DEFAULT '[]',
    rating_histogram   TEXT NOT NULL DEFAULT '[]',
    row_base           INTEGER NOT NULL
);
CREATE TABLE users(
    dataset_id  INTEGER NOT NULL,
    idx         INTEGER NOT NULL,
    ext_id      TEXT NOT NULL,
    n_ratings   INTEGER NOT NULL,
    mean_rating REAL NOT NULL,
    first_row   INTEGER NOT NULL,
    PRIMARY KEY(dataset_id, idx)
) WITHOUT ROWID;
CREATE UNIQUE INDEX users_by_ext_id ON users(dataset_id, ext_id);
CREATE INDEX users_by_first_row ON users(dataset_id, first_row);
CREATE TABLE items(
    dataset_id  INTEGER NOT NULL,
    idx         INTEGER NOT NULL,
    ext_id      TEXT NOT NULL,
    title       TEXT,
    genres      TEXT,
    extra       TEXT,
    n_ratings   INTEGER NOT NULL,
    mean_rating REAL NOT NULL,
    first_row   INTEGER NOT NULL,
    PRIMARY KEY(dataset_id, idx)
) WITHOUT ROWID;
CREATE UNIQUE INDEX items_by_ext_id ON items(dataset_id, ext_id);
CREATE INDEX items_by_first_row ON items(dataset_id, first_row);
CREATE TABLE ratings(
    row        INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL,
    user_idx   INTEGER NOT NULL,
    item_idx   INTEGER NOT NULL,
    rating     REAL NOT NULL,
    ts         INTEGER
);
CREATE TABLE import_rejects(
    dataset_id INTEGER NOT NULL,
    file       TEXT NOT NULL,
    line       INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    content    TEXT NOT NULL
);
CREATE INDEX import_rejects_by_dataset ON import_rejects(dataset_id, line);
)sql";

// v2: splits, training runs with their learning curves, metrics and model parameters.
// A split stores its test rows as a BLOB of little-endian uint32 positions in the dataset's
// stored (user, item) order. Model parameter blocks are row-major float32 BLOBs with a shape.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE splits(
    id          INTEGER PRIMARY KEY,
    dataset_id  INTEGER NOT NULL,
    spec        TEXT NOT NULL,
    n_train     INTEGER NOT NULL,
    n_test      INTEGER NOT NULL,
    test_rows   BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE(dataset_id, spec)
);
CREATE TABLE runs(
    id            INTEGER PRIMARY KEY,
    dataset_id    INTEGER NOT NULL,
    split_id      INTEGER,
    model         TEXT NOT NULL,
    params        TEXT NOT NULL DEFAULT '{}',
    seed          INTEGER NOT NULL,
    threads       INTEGER NOT NULL,
    status        TEXT NOT NULL,
    message       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    fit_seconds   REAL NOT NULL DEFAULT 0,
    eval_seconds  REAL NOT NULL DEFAULT 0,
    protocol      TEXT NOT NULL DEFAULT '',
    metrics       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX runs_by_dataset ON runs(dataset_id, id);
CREATE TABLE run_epochs(
    run_id          INTEGER NOT NULL,
    epoch           INTEGER NOT NULL,
    train_loss      REAL NOT NULL,
    validation_loss REAL,
    seconds         REAL NOT NULL,
    PRIMARY KEY(run_id, epoch)
) WITHOUT ROWID;
CREATE TABLE run_user_metrics(
    run_id  INTEGER NOT NULL,
    metric  TEXT NOT NULL,
    users   BLOB NOT NULL,
    vals    BLOB NOT NULL,
    PRIMARY KEY(run_id, metric)
) WITHOUT ROWID;
CREATE TABLE model_params(
    run_id          INTEGER NOT NULL,
    name            TEXT NOT NULL,
    format_version  INTEGER NOT NULL,
    rows            INTEGER NOT NULL,
    cols            INTEGER NOT NULL,
    data            BLOB NOT NULL,
    PRIMARY KEY(run_id, name)
) WITHOUT ROWID;
CREATE TABLE model_hyper(
    run_id INTEGER NOT NULL,
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY(run_id, key)
) WITHOUT ROWID;
)sql";

// v3: derived views of a run. run_layouts caches 2-D layouts of a model's item or user factors
// (PCA or t-SNE; coords is a row-major float32 BLOB of n x 2, params the JSON the layout was
// computed with). run_pipelines holds a run's stage graph (data -> preprocessing -> split ->
// training -> evaluation -> explanation) as JSON.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE run_layouts(
    run_id      INTEGER NOT NULL,
    side        TEXT NOT NULL,
    method      TEXT NOT NULL,
    params      TEXT NOT NULL DEFAULT '{}',
    n_points    INTEGER NOT NULL,
    seconds     REAL NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    coords      BLOB NOT NULL,
    PRIMARY KEY(run_id, side, method)
) WITHOUT ROWID;
CREATE TABLE run_pipelines(
    run_id  INTEGER PRIMARY KEY,
    graph   TEXT NOT NULL
);
)sql";

// v4: a run remembers how its training data was debiased (IPS, rebalancing) before the fit, as
// DebiasSpec text; '' for runs trained on the data as it is (every run before v4).
constexpr std::string_view kV4 = R"sql(
ALTER TABLE runs ADD COLUMN debias TEXT NOT NULL DEFAULT '';
)sql";

} // namespace

const std::vector<std::string_view>& schemaMigrations() {
    static const std::vector<std::string_view> migrations = {kV1, kV2, kV3, kV4};
    return migrations;
}

} // namespace rs
