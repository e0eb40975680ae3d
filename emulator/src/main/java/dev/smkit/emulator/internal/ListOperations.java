package dev.smkit.emulator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** ListSecrets, ListSecretVersionIds and BatchGetSecretValue. ListSecrets is consistent immediately (AWS: eventually). */
final class ListOperations {
    private static final int DEFAULT_LIST_PAGE = 100;
    private static final int DEFAULT_BATCH_PAGE = 20;

    private final SecretStore store;
    private final SecretOperations secrets;

    ListOperations(SecretStore store, SecretOperations secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    /** Sort keys read under the secret's monitor, so sorting needs no locks. */
    private static final class Listed {
        final Secret secret;
        final String name;
        final Instant created;
        final Instant lastAccessed;
        final Instant lastChanged;

        Listed(Secret secret) {
            this.secret = secret;
            this.name = secret.name;
            this.created = secret.createdDate;
            this.lastAccessed = secret.lastAccessedDate;
            this.lastChanged = secret.lastChangedDate;
        }
    }

    private List<Listed> matching(List<SecretFilter> filters, boolean includePlannedDeletion) {
        List<Listed> result = new ArrayList<>();
        for (Secret secret : store.snapshot()) {
            synchronized (secret) {
                if ((includePlannedDeletion || !secret.isDeleted()) && SecretFilter.matchesAll(filters, secret)) {
                    result.add(new Listed(secret));
                }
            }
        }
        return result;
    }

    byte[] listSecrets(Params params) {
        boolean includePlanned = params.bool("IncludePlannedDeletion", false);
        Long max = params.longValue("MaxResults", 1, 100);
        int maxResults = max == null ? DEFAULT_LIST_PAGE : max.intValue();
        int offset = Pages.offset(params.string("NextToken", 1, 4096));
        List<SecretFilter> filters = SecretFilter.parse(params.objects("Filters", 0, 10));
        Comparator<Listed> order = comparator(params.string("SortBy"));
        String sortOrder = params.string("SortOrder");
        if (sortOrder != null && !sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            throw ApiException.constraint("SortOrder", "Member must satisfy enum value set: [asc, desc]");
        }
        if ("desc".equals(sortOrder)) {
            order = order.reversed();
        }
        List<Listed> all = matching(filters, includePlanned);
        all.sort(order);
        JsonOut out = JsonOut.object().beginArray("SecretList");
        for (Listed listed : Pages.page(all, offset, maxResults)) {
            synchronized (listed.secret) {
                out.beginObject();
                Descriptions.write(out, listed.secret, "SecretVersionsToStages");
                out.endObject();
            }
        }
        return out.endArray().field("NextToken", Pages.nextToken(all.size(), offset, maxResults)).toBytes();
    }

    private static Comparator<Listed> comparator(String sortBy) {
        Comparator<Listed> byName = Comparator.comparing(listed -> listed.name);
        if (sortBy == null || sortBy.equals("created-date")) {
            return Comparator.<Listed, Instant>comparing(listed -> listed.created).thenComparing(byName);
        }
        switch (sortBy) {
            case "name":
                return byName;
            case "last-accessed-date":
                return Comparator.<Listed, Instant>comparing(listed -> listed.lastAccessed,
                        Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(byName);
            case "last-changed-date":
                return Comparator.<Listed, Instant>comparing(listed -> listed.lastChanged).thenComparing(byName);
            default:
                throw ApiException.constraint("SortBy",
                        "Member must satisfy enum value set: [created-date, last-accessed-date, last-changed-date, name]");
        }
    }

    byte[] listSecretVersionIds(Params params) {
        String secretId = params.secretId();
        Long max = params.longValue("MaxResults", 1, 100);
        int maxResults = max == null ? DEFAULT_LIST_PAGE : max.intValue();
        int offset = Pages.offset(params.string("NextToken", 1, 4096));
        boolean includeDeprecated = params.bool("IncludeDeprecated", false);
        return store.locked(secretId, secret -> {
            List<SecretVersion> versions = new ArrayList<>();
            for (SecretVersion version : secret.versions.values()) {
                if (includeDeprecated || !secret.stagesOf(version.id).isEmpty()) {
                    versions.add(0, version); // newest first
                }
            }
            List<String> kmsKeyIds = List.of(secret.kmsKeyId == null ? "DefaultEncryptionKey" : secret.kmsKeyId);
            JsonOut out = JsonOut.object().beginArray("Versions");
            for (SecretVersion version : Pages.page(versions, offset, maxResults)) {
                out.beginObject().field("VersionId", version.id).strings("VersionStages", secret.stagesOf(version.id))
                        .field("LastAccessedDate", version.lastAccessedDate).field("CreatedDate", version.createdDate)
                        .strings("KmsKeyIds", kmsKeyIds).endObject();
            }
            return out.endArray().field("NextToken", Pages.nextToken(versions.size(), offset, maxResults))
                    .field("ARN", secret.arn).field("Name", secret.name).toBytes();
        });
    }

    byte[] batchGetSecretValue(Params params) {
        List<String> ids = params.strings("SecretIdList", 1, 20, 1, 2048);
        List<Params> filterParams = params.objects("Filters", 1, 10);
        if ((ids == null) == (filterParams == null)) {
            throw ApiException.invalidParameter("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
        }
        Long max = params.longValue("MaxResults", 1, 20);
        if (max != null && filterParams == null) {
            throw ApiException.invalidParameter(
                    "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.");
        }
        int offset = Pages.offset(params.string("NextToken", 1, 4096));
        JsonOut out = JsonOut.object().beginArray("SecretValues");
        List<String[]> errors = new ArrayList<>();
        String nextToken = null;
        if (ids != null) {
            for (String id : ids) {
                try {
                    Params.checkNameUnlessArn(id);
                    store.locked(id, secret -> {
                        writeCurrent(out, secret);
                        return null;
                    });
                } catch (ApiException e) {
                    errors.add(new String[] {id, e.code(), e.getMessage()});
                }
            }
        } else {
            int pageSize = max == null ? DEFAULT_BATCH_PAGE : max.intValue();
            List<Listed> all = matching(SecretFilter.parse(filterParams), false);
            all.sort(comparator(null));
            for (Listed listed : Pages.page(all, offset, pageSize)) {
                synchronized (listed.secret) {
                    try {
                        writeCurrent(out, listed.secret);
                    } catch (ApiException e) {
                        errors.add(new String[] {listed.name, e.code(), e.getMessage()});
                    }
                }
            }
            nextToken = Pages.nextToken(all.size(), offset, pageSize);
        }
        out.endArray().field("NextToken", nextToken);
        if (!errors.isEmpty()) {
            out.beginArray("Errors");
            for (String[] error : errors) {
                out.beginObject().field("SecretId", error[0]).field("ErrorCode", error[1]).field("Message", error[2])
                        .endObject();
            }
            out.endArray();
        }
        return out.toBytes();
    }

    /** Appends the AWSCURRENT value entry, or throws the per-secret error (caller holds the monitor). */
    private void writeCurrent(JsonOut out, Secret secret) {
        if (secret.isDeleted()) {
            throw ApiException.markedForDeletion();
        }
        SecretVersion version = SecretOperations.select(secret, null, null);
        secrets.markAccessed(secret, version);
        out.beginObject().field("ARN", secret.arn).field("Name", secret.name).field("VersionId", version.id);
        version.value.writeTo(out);
        out.strings("VersionStages", secret.stagesOf(version.id)).field("CreatedDate", version.createdDate).endObject();
    }
}
