package io.etlhub.connector.debezium;

/** Where one capture engine is: told by the engine's own callbacks, not guessed from the Camel route. */
public enum CdcState { STOPPED, STARTING, RUNNING, FAILED }
