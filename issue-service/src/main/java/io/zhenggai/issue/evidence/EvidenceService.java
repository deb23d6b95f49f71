package io.zhenggai.issue.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.zhenggai.issue.journal.AggregateType;
import io.zhenggai.issue.journal.EventTypes;
import io.zhenggai.issue.journal.Journal;
import io.zhenggai.issue.ledger.Access;
import io.zhenggai.issue.ledger.Caller;
import io.zhenggai.issue.ledger.EvidenceCatalogue;
import io.zhenggai.issue.ledger.EvidenceRef;
import io.zhenggai.issue.ledger.Inspection;
import io.zhenggai.issue.ledger.Issue;
import io.zhenggai.issue.ledger.IssueService;
import io.zhenggai.issue.ledger.LedgerException;

/**
 * Evidence of issues: uploads streamed into the {@link EvidenceStore} while they are hashed, counted and checked
 * against their declared type, each journaled as {@code evidence-added} with the issue's next sequence; the list and
 * the bytes for whoever may read the issue; and the ledger's {@link EvidenceCatalogue}.
 * <p>
 * An upload is one transaction: its bytes, its record and its event commit together or not at all, so a refused
 * upload (too large, not of its type, empty, refused access) leaves no orphan bytes. The issue row is locked only
 * at the end, once the bytes are in, so a long upload does not hold up the issue's workflow.
 */
@ApplicationScoped
@Transactional
public class EvidenceService implements EvidenceCatalogue {

    /** Bytes read from the client at a time. */
    static final int READ_BUFFER = 64 * 1024;

    @Inject
    EvidenceConfig config;

    @Inject
    EvidenceStore store;

    @Inject
    Journal journal;

    private Set<String> allowed;

    @PostConstruct
    void checkConfiguration() {
        Set<String> types = new LinkedHashSet<>();
        for (String type : config.allowedTypes()) {
            FileType known = FileType.of(type).orElseThrow(() -> new IllegalStateException(
                    "zhenggai.evidence.allowed-types lists " + type + ", whose bytes cannot be checked; known types: "
                            + java.util.Arrays.stream(FileType.values()).map(FileType::mediaType).toList()));
            types.add(known.mediaType());
        }
        allowed = Set.copyOf(types);
    }

    /** The largest file accepted, in bytes. */
    public long maxSize() {
        return config.maxSize().asLongValue();
    }

    /**
     * Whether the caller may add evidence to the issue, asked before its body is read: 404 for an issue it may
     * not see, 403 when it may see but not act.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void checkUpload(Caller caller, UUID issueId) {
        Access.checkAddEvidence(caller, Issue.<Issue>findByIdOptional(issueId)
                .orElseThrow(() -> LedgerException.notFound("Issue", issueId)));
    }

    /** The type a declared media type stands for, if it is accepted: 415 otherwise. */
    public FileType acceptedType(String mediaType, String field) {
        Optional<FileType> type = FileType.of(mediaType).filter(t -> allowed.contains(t.mediaType()));
        return type.orElseThrow(() -> new LedgerException(LedgerException.Kind.UNSUPPORTED_MEDIA_TYPE,
                "evidence-type-not-accepted", "Media type not accepted",
                (mediaType == null || mediaType.isBlank() ? "Say the file's media type in " + field
                        : "Evidence may not be " + FileType.essence(mediaType)) + "; accepted: " + allowed,
                List.of(new LedgerException.FieldError(field, "one of " + allowed))));
    }

    /**
     * Streams an upload into the store and records it. The body is read once, in blocks: each is counted (413 past
     * {@code zhenggai.evidence.max-size}), checked against the declared type (422 as soon as the leading bytes
     * disagree, else at the end), hashed and written.
     *
     * @param name      the file's name (checked by {@link FileNames})
     * @param mediaType the declared media type (must be accepted)
     */
    @TransactionConfiguration(timeoutFromConfigProperty = "zhenggai.evidence.upload-timeout-seconds", timeout = 600)
    public EvidenceView upload(Caller caller, UUID issueId, String name, String mediaType, InputStream body) {
        checkUpload(caller, issueId);
        FileNames.problem(name).ifPresent(problem -> {
            throw LedgerException.invalid("invalid-file-name", "Invalid file name", "name", problem);
        });
        FileType type = acceptedType(mediaType, "Content-Type");
        long max = maxSize();
        FileType.Check check = type.check();
        MessageDigest digest = sha256();
        EvidenceStore.Pending pending = store.create();
        long size = 0;
        try {
            byte[] buffer = new byte[READ_BUFFER];
            for (int read; (read = body.read(buffer)) != -1; ) {
                size += read;
                if (size > max) {
                    throw LedgerException.tooLarge("body", "Evidence may be at most " + max + " bytes; this file is "
                            + "larger");
                }
                check.update(buffer, 0, read);
                check.leadMismatch().ifPresent(EvidenceService::mismatch);
                digest.update(buffer, 0, read);
                pending.write(buffer, 0, read);
            }
        } catch (IOException e) {
            pending.discard();
            throw LedgerException.invalid("incomplete-body", "Incomplete upload", "body",
                    "The file could not be read to its end: " + e.getMessage());
        } catch (RuntimeException refused) {
            pending.discard();
            throw refused;
        }
        if (size == 0) {
            pending.discard();
            throw LedgerException.invalid("empty-file", "Empty file", "body", "An empty file is no evidence");
        }
        Optional<String> mismatch = check.finish();
        if (mismatch.isPresent()) {
            pending.discard();
            mismatch(mismatch.get());
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        pending.keep(sha256, size);

        // the bytes are in: now the issue, locked, and asked again (its units may have changed meanwhile). Read it
        // afresh under the lock: the copy loaded before the body was read may be stale by now, and locking an entity
        // already loaded does not reload it.
        Issue issue = Issue.findById(issueId);
        Issue.getEntityManager().refresh(issue, LockModeType.PESSIMISTIC_WRITE);
        Access.checkAddEvidence(caller, issue);
        issue.sequence++;
        issue.updatedAt = Instant.now();
        Evidence evidence = new Evidence();
        evidence.id = UUID.randomUUID();
        evidence.issueId = issue.id;
        evidence.name = FileNames.normalise(name);
        evidence.mediaType = type.mediaType();
        evidence.size = size;
        evidence.sha256 = sha256;
        evidence.uploadedBy = caller.id();
        evidence.uploadedAt = issue.updatedAt;
        evidence.sequence = issue.sequence;
        evidence.persist();
        EvidenceView answer = EvidenceView.of(evidence);
        journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_EVIDENCE_ADDED, null,
                caller.id(), new EvidenceAdded(IssueService.snapshot(issue, Inspection.forReading(issue.inspectionId)),
                        evidence.ref()));
        return answer;
    }

    /** The issue's evidence in the order it was added, if the caller may see the issue (404 otherwise). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EvidenceView> list(Caller caller, UUID issueId) {
        visible(caller, issueId);
        return Evidence.<Evidence>list("issueId = ?1 order by sequence", issueId).stream().map(EvidenceView::of)
                .toList();
    }

    /** One piece of evidence of the issue, if the caller may see the issue. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EvidenceView> find(Caller caller, UUID issueId, UUID evidenceId) {
        visible(caller, issueId);
        return Evidence.<Evidence>findByIdOptional(evidenceId).filter(e -> e.issueId.equals(issueId))
                .map(EvidenceView::of);
    }

    /** The bytes of a piece of evidence the caller has {@linkplain #find found}, read as they are consumed. */
    public InputStream open(EvidenceView evidence) throws IOException {
        return store.open(evidence.sha256());
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<EvidenceRef> resolve(UUID issueId, List<UUID> ids, String field) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
        Map<UUID, Evidence> found = Evidence.<Evidence>list("id in ?1", distinct).stream()
                .collect(Collectors.toMap(e -> e.id, Function.identity()));
        List<EvidenceRef> refs = new ArrayList<>();
        for (UUID id : distinct) {
            Evidence evidence = found.get(id);
            if (evidence == null || !evidence.issueId.equals(issueId)) {
                // another issue's evidence is refused as if it did not exist: its issue may be one the caller cannot see
                throw LedgerException.invalid("unknown-evidence", "Unknown evidence", field + "[" + ids.indexOf(id)
                        + "]", "Evidence " + id + " is not evidence of this issue; upload it to this issue first");
            }
            refs.add(evidence.ref());
        }
        return refs;
    }

    private static void visible(Caller caller, UUID issueId) {
        Issue issue = Issue.findById(issueId);
        if (issue == null || !Access.sees(caller, issue)) {
            throw LedgerException.notFound("Issue", issueId);
        }
    }

    private static void mismatch(String why) {
        throw LedgerException.invalid("evidence-type-mismatch", "File does not match its type", "body", why);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
