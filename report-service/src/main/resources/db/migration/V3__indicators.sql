-- Indicators (指标) defined as data. An indicator is a code with versions; a change never edits a version, it adds
-- the next one, so an answer given for version n can always be given again. The built-ins are written here at
-- startup from BuiltInIndicators, as version 1 authored by "built-in".
CREATE TABLE indicator (
    code           TEXT        PRIMARY KEY,
    latest_version INT         NOT NULL,
    built_in       BOOLEAN     NOT NULL,
    retired_at     TIMESTAMPTZ             -- set by DELETE: gone from the list, its versions still answer
);

CREATE TABLE indicator_version (
    code        TEXT        NOT NULL REFERENCES indicator (code),
    version     INT         NOT NULL CHECK (version > 0),
    name        TEXT        NOT NULL,
    numerator   TEXT        NOT NULL,      -- canonical form, as IndicatorDefinition prints it
    denominator TEXT,
    factor      NUMERIC     NOT NULL,
    unit        TEXT        NOT NULL,
    description TEXT        NOT NULL,
    paired_by   TEXT,
    stated      TEXT,
    decimals    INT         NOT NULL CHECK (decimals BETWEEN 0 AND 6),  -- places shown in the display form
    author      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE FUNCTION indicator_version_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'indicator versions are immutable: a change is a new version';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER indicator_version_immutable BEFORE UPDATE OR DELETE ON indicator_version
    FOR EACH ROW EXECUTE FUNCTION indicator_version_immutable();

-- How a metric's readings combine, where it differs from MetricCatalogue.defaults() (LAST over time, SUM over
-- dimensions, except the stated rates). Empty unless an operator adds a metric that is, say, a flow.
CREATE TABLE metric_aggregation (
    metric          TEXT PRIMARY KEY,
    over_time       TEXT NOT NULL CHECK (over_time IN ('LAST', 'SUM')),
    over_dimensions TEXT NOT NULL CHECK (over_dimensions IN ('SUM', 'SINGLE')),
    note            TEXT
);
