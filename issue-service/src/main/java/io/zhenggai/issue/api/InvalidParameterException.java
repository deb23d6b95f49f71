package io.zhenggai.issue.api;

import jakarta.ws.rs.BadRequestException;

/**
 * A query, path or header parameter that does not read as its type. A {@link BadRequestException}, so that the REST
 * layer passes it on as it is (it answers any other conversion failure of a path or query parameter with a bare
 * 404); the {@link ProblemMapper} names the parameter.
 */
public class InvalidParameterException extends BadRequestException {

    private final String name;

    public InvalidParameterException(String name, String message) {
        super(message);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
