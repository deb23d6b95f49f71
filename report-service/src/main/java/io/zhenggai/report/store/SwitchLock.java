package io.zhenggai.report.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The lock that makes a generation switch atomic with the live intake: every transaction that writes the active
 * generation (an intake batch, an operator's skip) takes it shared; a replay takes it exclusively while it catches
 * up to exactly the live offsets, compares and switches. Transaction-scoped advisory locks, so that a crash releases
 * them and every replica sharing the database takes part.
 */
@ApplicationScoped
public class SwitchLock {

    /** Any constant that nothing else uses: "zhenggai" in ASCII. */
    static final long KEY = 0x7a68656e67676169L;

    @Inject
    EntityManager em;

    /** Blocks while a switch is being made; held until the caller's transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void shared() {
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock_shared(?1) AS text)").setParameter(1, KEY)
                .getSingleResult();
    }

    /** Waits for the live writers' open transactions to end and keeps new ones out until the caller's ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void exclusive() {
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(?1) AS text)").setParameter(1, KEY)
                .getSingleResult();
    }
}
