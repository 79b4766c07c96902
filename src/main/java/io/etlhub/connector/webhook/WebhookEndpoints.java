package io.etlhub.connector.webhook;

import io.etlhub.connector.ConnectorDefinition;

import java.util.function.Function;

/** Finds a kind: webhook connector by id, or says why it cannot be used. */
public interface WebhookEndpoints extends Function<String, ConnectorDefinition> {}
