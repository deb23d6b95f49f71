package io.zhenggai.report.store;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Binds the current transaction to a generation before projection code runs (after the transaction interceptor). */
@InGeneration
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class GenerationInterceptor {

    @Inject
    Generations generations;

    @AroundInvoke
    Object bind(InvocationContext context) throws Exception {
        generations.bind();
        return context.proceed();
    }
}
