package dev.smkit.emulator.internal;

/**
 * An AWS-shaped error answer. Messages never contain secret values: they name members, ids and limits only.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String code;
    /** AWS's authentication front end writes {@code message}; the service's modeled errors write {@code Message}. */
    private final boolean lowercaseMessageKey;

    private ApiException(int httpStatus, String code, String message, boolean lowercaseMessageKey) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.lowercaseMessageKey = lowercaseMessageKey;
    }

    public static ApiException of(int httpStatus, String code, String message) {
        return new ApiException(httpStatus, code, message, false);
    }

    static ApiException auth(String code, String message) {
        return new ApiException(400, code, message, true);
    }

    static ApiException secretNotFound() {
        return of(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    static ApiException notFound(String message) {
        return of(400, "ResourceNotFoundException", message);
    }

    static ApiException invalidRequest(String message) {
        return of(400, "InvalidRequestException", message);
    }

    static ApiException invalidParameter(String message) {
        return of(400, "InvalidParameterException", message);
    }

    static ApiException resourceExists(String message) {
        return of(400, "ResourceExistsException", message);
    }

    static ApiException validation(String message) {
        return of(400, "ValidationException", message);
    }

    /** The model-constraint wording AWS uses; {@code member} is the PascalCase model name. */
    static ApiException constraint(String member, String constraint) {
        return validation("1 validation error detected: Value at '" + lowerCamel(member)
                + "' failed to satisfy constraint: " + constraint);
    }

    static ApiException serialization(String message) {
        return of(400, "SerializationException", message);
    }

    static ApiException markedForDeletion() {
        return invalidRequest("You can't perform this operation on the secret because it was marked for deletion.");
    }

    private static String lowerCamel(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public boolean lowercaseMessageKey() {
        return lowercaseMessageKey;
    }
}
