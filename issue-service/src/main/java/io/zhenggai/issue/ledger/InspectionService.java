package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.zhenggai.issue.journal.AggregateType;
import io.zhenggai.issue.journal.EventTypes;
import io.zhenggai.issue.journal.Journal;

/** Inspections and their feedback trees. Owns the transactions; every change is journaled in the same one. */
@ApplicationScoped
@Transactional
public class InspectionService {

    @Inject
    Journal journal;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<InspectionView> find(UUID id) {
        return Inspection.<Inspection>findByIdOptional(id).map(InspectionView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<InspectionView> list() {
        return Inspection.<Inspection>list("order by feedbackDate desc, team, id").stream().map(InspectionView::of)
                .toList();
    }

    public InspectionView create(InspectionRequest request, Caller caller) {
        Access.checkOffice(caller, "record an inspection");
        String actor = caller.id();
        if (request.onSiteFrom() != null && request.onSiteTo() != null
                && request.onSiteTo().isBefore(request.onSiteFrom())) {
            throw LedgerException.invalid("onSiteTo", "the on-site period ends before it begins");
        }
        if (Inspection.count("team = ?1 and targetUnit = ?2 and feedbackDate = ?3",
                request.team().strip(), request.targetUnit().strip(), request.feedbackDate()) > 0) {
            throw LedgerException.conflict("inspection-exists", "An inspection by " + request.team()
                    + " of " + request.targetUnit() + " with feedback on " + request.feedbackDate() + " exists already");
        }
        Inspection inspection = new Inspection();
        inspection.id = UUID.randomUUID();
        inspection.team = request.team().strip();
        inspection.targetUnit = request.targetUnit().strip();
        inspection.kinds = request.kinds().stream().sorted().map(Enum::name).collect(Collectors.joining(","));
        inspection.specialTheme = Texts.blankToNull(request.specialTheme());
        inspection.onSiteFrom = request.onSiteFrom();
        inspection.onSiteTo = request.onSiteTo();
        inspection.feedbackDate = request.feedbackDate();
        if (request.declared() != null) {
            inspection.declaredAspects = request.declared().aspects();
            inspection.declaredCategories = request.declared().categories();
            inspection.declaredIssues = request.declared().issues();
            inspection.declaredSuggestions = request.declared().suggestions();
        }
        inspection.lists = tree(request.lists());
        inspection.sequence = 1;
        inspection.createdAt = Instant.now();
        inspection.persist();
        journal.append(AggregateType.INSPECTION, inspection.id, inspection.sequence, EventTypes.INSPECTION_CREATED,
                inspection.feedbackDate, actor, InspectionView.of(inspection));
        return InspectionView.of(inspection);
    }

    /** Builds the tree with paths, refusing duplicate keys and paths: a path must be unique within its list. */
    private static List<FeedbackTree.FeedbackList> tree(List<InspectionRequest.ListRequest> lists) {
        Set<String> keys = new HashSet<>();
        List<FeedbackTree.FeedbackList> result = new ArrayList<>();
        for (int l = 0; l < lists.size(); l++) {
            InspectionRequest.ListRequest list = lists.get(l);
            String where = "lists[" + l + "]";
            if (!keys.add(list.key())) {
                throw LedgerException.invalid(where + ".key", "list key " + list.key() + " is used twice");
            }
            Set<String> paths = new HashSet<>();
            List<FeedbackTree.Aspect> aspects = new ArrayList<>();
            for (int a = 0; a < list.aspects().size(); a++) {
                InspectionRequest.AspectRequest aspect = list.aspects().get(a);
                String aspectWhere = where + ".aspects[" + a + "]";
                String aspectPath = unique(paths, Numbering.segment(aspect.numbering()), aspectWhere + ".numbering");
                List<FeedbackTree.Group> groups = new ArrayList<>();
                List<InspectionRequest.GroupRequest> groupRequests = aspect.groups() == null ? List.of() : aspect.groups();
                for (int g = 0; g < groupRequests.size(); g++) {
                    InspectionRequest.GroupRequest group = groupRequests.get(g);
                    String groupWhere = aspectWhere + ".groups[" + g + "]";
                    String groupPath = unique(paths, Numbering.join(aspectPath, Numbering.groupSegment(group.title())),
                            groupWhere + ".title");
                    groups.add(new FeedbackTree.Group(group.title().strip(), groupPath,
                            categories(paths, groupPath, group.categories(), groupWhere)));
                }
                List<FeedbackTree.Category> categories = categories(paths, aspectPath,
                        aspect.categories() == null ? List.of() : aspect.categories(), aspectWhere);
                if (groups.isEmpty() && categories.isEmpty()) {
                    throw LedgerException.invalid(aspectWhere, "an aspect needs categories or groups of categories");
                }
                aspects.add(new FeedbackTree.Aspect(aspect.numbering().strip(), aspect.title().strip(), aspectPath,
                        groups, categories));
            }
            result.add(new FeedbackTree.FeedbackList(list.key().strip(), list.title().strip(),
                    Texts.blankToNull(list.theme()), aspects));
        }
        return result;
    }

    private static List<FeedbackTree.Category> categories(Set<String> paths, String parentPath,
                                                          List<InspectionRequest.CategoryRequest> requests,
                                                          String where) {
        List<FeedbackTree.Category> categories = new ArrayList<>();
        for (int c = 0; c < requests.size(); c++) {
            InspectionRequest.CategoryRequest category = requests.get(c);
            String path = unique(paths, Numbering.join(parentPath, Numbering.segment(category.numbering())),
                    where + ".categories[" + c + "].numbering");
            categories.add(new FeedbackTree.Category(category.numbering().strip(), category.title().strip(), path));
        }
        return categories;
    }

    private static String unique(Set<String> paths, String path, String field) {
        if (path.isEmpty() || !paths.add(path)) {
            throw LedgerException.invalid(field, "numbering path '" + path + "' is empty or not unique in its list");
        }
        return path;
    }
}
