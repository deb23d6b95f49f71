/**
 * 督办 (supervision): reminders (签收提醒, 临期提醒, 逾期催办, 无进展) and the office's 催办 as issue events, the inbox (待办与提醒)
 * fed from the journal, and the webhook deliveries to the offices' group robots. It sits beside the ledger: it uses
 * {@code ledger} and {@code journal}, and only {@code api} uses it.
 */
package io.zhenggai.issue.supervision;
