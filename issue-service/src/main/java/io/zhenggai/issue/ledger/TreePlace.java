package io.zhenggai.issue.ledger;

/** Where a category sits in an inspection's feedback tree: its list, aspect and group. */
record TreePlace(FeedbackTree.FeedbackList list, FeedbackTree.Aspect aspect, FeedbackTree.Group group,
                 FeedbackTree.Category category) {

    static TreePlace find(Inspection inspection, String listKey, String categoryPath) {
        FeedbackTree.FeedbackList list = inspection.lists.stream().filter(l -> l.key().equals(listKey)).findFirst()
                .orElseThrow(() -> LedgerException.invalid("listKey", "inspection " + inspection.id
                        + " has no list " + listKey));
        for (FeedbackTree.Aspect aspect : list.aspects()) {
            for (FeedbackTree.Category category : aspect.categories()) {
                if (category.path().equals(categoryPath)) {
                    return new TreePlace(list, aspect, null, category);
                }
            }
            for (FeedbackTree.Group group : aspect.groups()) {
                for (FeedbackTree.Category category : group.categories()) {
                    if (category.path().equals(categoryPath)) {
                        return new TreePlace(list, aspect, group, category);
                    }
                }
            }
        }
        throw LedgerException.invalid("categoryPath", "list " + listKey + " has no category at " + categoryPath);
    }
}
