package io.zhenggai.report.indicator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.zhenggai.report.projection.Rows;

/**
 * Indicator definitions in the database, versioned. A version is never changed: creating an indicator writes version
 * 1, a change that means something different (compared in canonical form) writes the next version, and a change that
 * means the same writes nothing. Deleting retires the code: it leaves the list, and its versions still answer when
 * named. The built-ins are written at startup as version 1 by {@value #BUILT_IN}; a later release that changes a
 * built-in adds a version, unless a person has changed that indicator since, whose version then stands.
 */
@ApplicationScoped
@Transactional
public class IndicatorStore {

    private static final Logger LOG = Logger.getLogger(IndicatorStore.class);

    public static final String BUILT_IN = "built-in";

    @Inject
    EntityManager em;

    /** One version of an indicator, with the facts about the code it belongs to. */
    public record StoredIndicator(IndicatorDefinition definition, int version, int latestVersion, int decimals,
                                  boolean builtIn, String author, Instant createdAt, Instant retiredAt) {

        public String code() {
            return definition.code();
        }

        public boolean retired() {
            return retiredAt != null;
        }
    }

    /** The outcome of a write: the version that now stands, and whether the write made it. */
    public record Saved(StoredIndicator indicator, boolean created) {
    }

    void seedAtStartup(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(this::seedBuiltIns);
    }

    public void seedBuiltIns() {
        for (IndicatorSpec spec : BuiltInIndicators.SPECS) {
            IndicatorDefinition definition = IndicatorDefinition.parse(spec);
            int decimals = BuiltInIndicators.displayDecimals(spec.code());
            int inserted = em.createNativeQuery("""
                            INSERT INTO indicator (code, latest_version, built_in) VALUES (:code, 0, TRUE)
                            ON CONFLICT (code) DO NOTHING""")
                    .setParameter("code", spec.code()).executeUpdate();
            StoredIndicator latest = inserted == 1 ? null : latest(spec.code(), true).orElse(null);
            if (latest == null) {
                writeVersion(definition, decimals, BUILT_IN);
            } else if (BUILT_IN.equals(latest.author()) && !latest.retired()
                    && !sameMeaning(latest, definition, decimals)) {
                LOG.infof("Built-in indicator %s changed in this release: writing version %d", spec.code(),
                        latest.latestVersion() + 1);
                writeVersion(definition, decimals, BUILT_IN);
            }
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredIndicator> list(boolean includeRetired) {
        return select("v.version = x.latest_version" + (includeRetired ? "" : " AND x.retired_at IS NULL"),
                "x.code", null, null);
    }

    /** A version of an indicator; the latest when {@code version} is null. Retired codes are found too. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<StoredIndicator> find(String code, Integer version) {
        if (version == null) {
            return latest(code, false);
        }
        return select("x.code = :code AND v.version = :version", "v.version", code, version).stream().findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredIndicator> versions(String code) {
        return select("x.code = :code", "v.version", code, null);
    }

    /**
     * Creates an indicator (version 1), or revives a retired one as its next version.
     *
     * @throws IndicatorRefusal CONFLICT when the code is in use
     */
    public Saved create(IndicatorDefinition definition, int decimals, String author) {
        int inserted = em.createNativeQuery("""
                        INSERT INTO indicator (code, latest_version, built_in) VALUES (:code, 0, FALSE)
                        ON CONFLICT (code) DO NOTHING""")
                .setParameter("code", definition.code()).executeUpdate();
        if (inserted == 0) {
            StoredIndicator existing = latest(definition.code(), true).orElseThrow();
            if (!existing.retired()) {
                throw new IndicatorRefusal(IndicatorRefusal.Kind.CONFLICT, "code", "indicator " + definition.code()
                        + " exists (version " + existing.version() + "); change it with PUT /api/indicators/" + definition.code());
            }
            em.createNativeQuery("UPDATE indicator SET retired_at = NULL WHERE code = :code")
                    .setParameter("code", definition.code()).executeUpdate();
        }
        return new Saved(writeVersion(definition, decimals, author), true);
    }

    /**
     * Changes an indicator: the next version when the definition means something else, nothing when it means the same.
     *
     * @param expectedVersion the version the caller changed (If-Match), or null to change whatever is latest
     * @throws IndicatorRefusal NOT_FOUND for an unknown or retired code, STALE when {@code expectedVersion} is not
     *                          the latest
     */
    public Saved change(IndicatorDefinition definition, int decimals, Integer expectedVersion, String author) {
        StoredIndicator latest = latest(definition.code(), true)
                .filter(i -> !i.retired())
                .orElseThrow(() -> IndicatorRefusal.notFound("code", "no indicator " + definition.code()));
        if (expectedVersion != null && expectedVersion != latest.version()) {
            throw new IndicatorRefusal(IndicatorRefusal.Kind.STALE, "If-Match", "version " + expectedVersion + " of "
                    + definition.code() + " is not the latest; the latest is " + latest.version());
        }
        if (sameMeaning(latest, definition, decimals)) {
            return new Saved(latest, false);
        }
        return new Saved(writeVersion(definition, decimals, author), true);
    }

    /** Retires an indicator; false when there is no such code or it is retired already. */
    public boolean retire(String code) {
        return em.createNativeQuery("UPDATE indicator SET retired_at = now() WHERE code = :code AND retired_at IS NULL")
                .setParameter("code", code).executeUpdate() == 1;
    }

    private StoredIndicator writeVersion(IndicatorDefinition definition, int decimals, String author) {
        // taking the row lock orders concurrent changes of one code
        int version = ((Number) em.createNativeQuery("""
                        UPDATE indicator SET latest_version = latest_version + 1 WHERE code = :code
                        RETURNING latest_version""")
                .setParameter("code", definition.code()).getSingleResult()).intValue();
        IndicatorSpec spec = definition.toSpec();
        em.createNativeQuery("""
                        INSERT INTO indicator_version (code, version, name, numerator, denominator, factor, unit,
                            description, paired_by, stated, decimals, author, created_at)
                        VALUES (:code, :version, :name, :numerator, :denominator, CAST(:factor AS numeric), :unit,
                            :description, :pairedBy, :stated, :decimals, :author, now())""")
                .setParameter("code", spec.code())
                .setParameter("version", version)
                .setParameter("name", spec.name())
                .setParameter("numerator", spec.numerator())
                .setParameter("denominator", spec.denominator())
                .setParameter("factor", spec.factor().toPlainString())
                .setParameter("unit", spec.unit())
                .setParameter("description", spec.description())
                .setParameter("pairedBy", spec.pairedBy())
                .setParameter("stated", spec.stated())
                .setParameter("decimals", decimals)
                .setParameter("author", author)
                .executeUpdate();
        return find(spec.code(), version).orElseThrow();
    }

    private static boolean sameMeaning(StoredIndicator stored, IndicatorDefinition definition, int decimals) {
        return stored.definition().equals(definition) && stored.decimals() == decimals;
    }

    private Optional<StoredIndicator> latest(String code, boolean forUpdate) {
        if (forUpdate) {
            em.createNativeQuery("SELECT code FROM indicator WHERE code = :code FOR UPDATE").setParameter("code", code)
                    .getResultList();
        }
        return select("x.code = :code AND v.version = x.latest_version", "x.code", code, null).stream().findFirst();
    }

    private List<StoredIndicator> select(String where, String order, String code, Integer version) {
        Query query = em.createNativeQuery("""
                SELECT v.code, v.version, v.name, v.numerator, v.denominator, v.factor, v.unit, v.description,
                       v.paired_by, v.stated, v.decimals, v.author, v.created_at, x.latest_version, x.built_in,
                       x.retired_at
                FROM indicator_version v JOIN indicator x ON x.code = v.code
                WHERE\s""" + where + " ORDER BY " + order, Tuple.class);
        if (code != null) {
            query.setParameter("code", code);
        }
        if (version != null) {
            query.setParameter("version", version);
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return rows.stream().map(r -> new StoredIndicator(
                IndicatorDefinition.parse(new IndicatorSpec((String) r.get("code"), (String) r.get("name"),
                        (String) r.get("numerator"), (String) r.get("denominator"), Rows.decimal(r.get("factor")),
                        (String) r.get("unit"), (String) r.get("description"), (String) r.get("paired_by"),
                        (String) r.get("stated"))),
                ((Number) r.get("version")).intValue(), ((Number) r.get("latest_version")).intValue(),
                ((Number) r.get("decimals")).intValue(), Boolean.TRUE.equals(r.get("built_in")),
                (String) r.get("author"), Rows.instant(r.get("created_at")), Rows.instant(r.get("retired_at"))))
                .toList();
    }
}
