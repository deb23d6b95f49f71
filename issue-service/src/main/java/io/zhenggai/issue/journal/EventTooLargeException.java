package io.zhenggai.issue.journal;

/**
 * A change whose event would exceed {@link Journal#MAX_EVENT_BYTES}: refused before anything is written, because the
 * relay could never publish it and would stall behind it.
 */
public final class EventTooLargeException extends RuntimeException {

    public EventTooLargeException(String message) {
        super(message);
    }
}
