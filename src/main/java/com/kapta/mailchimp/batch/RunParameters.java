package com.kapta.mailchimp.batch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;

/**
 * Marks the bean that reads a job's typed parameters record from the running step's
 * execution ({@code #{stepExecution}}), so the job's other beans take the record instead
 * of parsing {@code jobParameters['…']} strings (or a record a job builds from them for
 * all its steps). Step scope, because Spring Batch's job scope does not reach partition
 * threads; not proxied, because a record cannot be subclassed, which is fine as only job-
 * and step-scoped beans take it and they are made while a step runs.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Scope(value = "step", proxyMode = ScopedProxyMode.NO)
public @interface RunParameters {

}
