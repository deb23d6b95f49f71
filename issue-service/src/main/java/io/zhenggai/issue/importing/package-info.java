/**
 * Importing published progress bulletins (整改进展情况通报): pure parsing and checking, no HTTP and no database.
 *
 * <p>Entry point: {@link io.zhenggai.issue.importing.BulletinParser#parse(String)} turns the UTF-8 plain text of a
 * bulletin into a {@link io.zhenggai.issue.importing.ParseResult}: the {@link io.zhenggai.issue.importing.Bulletin}
 * (header, declared totals, and one {@link io.zhenggai.issue.importing.FeedbackList} per list: the main text and each
 * attachment 附件), its {@link io.zhenggai.issue.importing.Finding}s, and per-list counts. A text that is not a
 * bulletin raises {@link io.zhenggai.issue.importing.NotABulletinException} with a reason (the API answers 422).
 *
 * <p>The tree: {@link io.zhenggai.issue.importing.Aspect} (方面) → {@link io.zhenggai.issue.importing.CategoryGroup}
 * (an unnumbered sub-heading, or none) → {@link io.zhenggai.issue.importing.Category} (类) →
 * {@link io.zhenggai.issue.importing.Issue} (问题, the tracked item; a category without sub-items is itself the
 * issue). Each node keeps its published numbering as a path unique within its list, e.g. {@code (一)1.(3)}; a node
 * printed without a number (a problem paragraph 针对“…”的问题, an aspect line, a table row without 序号) is numbered
 * {@code #1.} {@code #2.} in order. The shapes read: numbered trees in any combination of 一、（一）1.（1）① (the
 * {@link io.zhenggai.issue.importing.OutlineBuilder} learns the style of each level), problem paragraphs and aspects
 * without numbers ({@link io.zhenggai.issue.importing.UnnumberedHeading}), tables pasted as text
 * ({@link io.zhenggai.issue.importing.TableText}), and measures numbered like the problems above them.
 *
 * <p>A text whose tree cannot be read in any of these shapes is refused with
 * {@link io.zhenggai.issue.importing.NotABulletinException.Reason#NO_FEEDBACK_TREE} and a
 * {@link io.zhenggai.issue.importing.PartialRead}: its header, declared totals and figures, and
 * {@link io.zhenggai.issue.importing.Clue}s of what was found and what was missing.
 *
 * <p>Figures: the {@code figures} package finds and converts quantities (the one place for units); this package
 * decides which are readings and gives each a metric and dimensions from the metric catalogue
 * ({@code importing/metric-catalogue.yaml}, data rather than code), then checks rates against their parts, breakdowns
 * (其中) against their totals, declared counts against the tree, repeated facts against each other, and the team's
 * name throughout.
 *
 * <p>The seed ledger {@code seeds/dongying-edz-rectification-2023-05-10.ledger.yaml} is
 * {@link io.zhenggai.issue.importing.LedgerYaml#write(ParseResult)} of the seed; {@code SeedLedgerGoldenTest} compares
 * them and {@code -Dzhenggai.regenerate=true} rewrites it for review.
 */
package io.zhenggai.issue.importing;
