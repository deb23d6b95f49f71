package io.zhenggai.report.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks code that reads or writes projections: its transaction is bound to a generation's schema first (the active
 * generation, or the one {@link Generations#in} names for this thread). Needs a transaction; put it beside
 * {@code @Transactional}.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface InGeneration {
}
