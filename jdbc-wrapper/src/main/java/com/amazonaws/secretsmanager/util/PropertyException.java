package com.amazonaws.secretsmanager.util;

/** A configuration property is missing or has a value of the wrong type. */
public class PropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PropertyException(String message, Throwable cause) {
        super(message, cause);
    }

    public PropertyException(String message) {
        super(message);
    }
}
