package io.zhenggai.issue.api;

import jakarta.enterprise.context.RequestScoped;

/** Who is calling: the actor recorded on every event. */
@RequestScoped
public class CurrentActor {

    public String id() {
        return "anonymous";
    }
}
