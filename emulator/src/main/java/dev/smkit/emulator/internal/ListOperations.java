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

        /** A sort key read back from a NextToken. */
        Listed(String[] cursor) {
            this.secret = null;
            if (cursor.length != 4) {
                throw Pages.invalid();
            }
            this.name = cursor[0];
            this.created = Instant.ofEpochMilli(Pages.number(cursor, 1));
            this.lastAccessed = cursor[2].isEmpty() ? null : Instant.ofEpochMilli(Pages.number(cursor, 2));
            this.lastChanged = Instant.ofEpochMilli(Pages.number(cursor, 3));
        }

        String[] key() {
            return new String[] {name, Long.toString(created.toEpochMilli()),
                lastAccessed == null ? "" : Long.toString(lastAccessed.toEpochMilli()),
                Long.toString(lastChanged.toEpochMilli())};
        }
    }

    /**
     * The page after the cursor (the sort key of the last item of the previous page) and the token of the next page.
     * Items created or deleted between two calls do not shift the pages.
     */
    private static List<Listed> page(List<Listed> sorted, Comparator<Listed> order, String[] cursor, int size,
            String kind, String[] nextToken) {
        int from = 0;
        if (cursor != null) {
            Listed after = new Listed(cursor);
            while (from < sorted.size() && order.compare(sorted.get(from), after) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + size);
        List<Listed> page = sorted.subList(from, to);
        nextToken[0] = to < sorted.size() && !page.isEmpty() ? Pages.token(kind, page.get(page.size() - 1).key()) : null;
        return page;
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
        String sortBy = params.string("SortBy");
        String sortOrderParam = params.string("SortOrder");
        String kind = "ListSecrets/" + sortBy + "/" + sortOrderParam + "/" + includePlanned;
        String[] cursor = Pages.cursor(params.string("NextToken", 1, 4096), kind);
        List<SecretFilter> filters = SecretFilter.parse(params.objects("Filters", 0, 10));
        Comparator<Listed> order = comparator(sortBy);
        String sortOrder = sortOrderParam;
        if (sortOrder != null && !sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            throw ApiException.constraint("SortOrder", "Member must satisfy enum value set: [asc, desc]");
        }
        if ("desc".equals(sortOrder)) {
            order = order.reversed();
        }
        List<Listed> all = matching(filters, includePlanned);
        all.sort(order);
        JsonOut out = JsonOut.object().beginArray("SecretList");
        String[] next = new String[1];
        for (Listed listed : page(all, order, cursor, maxResults, kind, next)) {
            synchronized (listed.secret) {
                out.beginObject();
                Descriptions.write(out, listed.secret, "SecretVersionsToStages", store.regions());
                out.endObject();
            }
        }
        return out.endArray().field("NextToken", next[0]).toBytes();
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
        boolean includeDeprecated = params.bool("IncludeDeprecated", false);
        String kind = "ListSecretVersionIds/" + includeDeprecated;
        String[] cursor = Pages.cursor(params.string("NextToken", 1, 4096), kind);
        return store.locked(secretId, secret -> {
            if (cursor != null && (cursor.length != 3 || !cursor[0].equals(secret.arn))) {
                throw Pages.invalid();
            }
            List<SecretVersion> versions = new ArrayList<>();
            for (SecretVersion version : secret.versions.values()) {
                if (includeDeprecated || !secret.stagesOf(version.id).isEmpty()) {
                    versions.add(0, version); // newest first
                }
            }
            int from = 0;
            if (cursor != null) {
                long createdBefore = Pages.number(cursor, 2);
                int at = -1;
                for (int i = 0; i < versions.size(); i++) {
                    if (versions.get(i).id.equals(cursor[1])) {
                        at = i;
                    }
                }
                if (at >= 0) {
                    from = at + 1;
                } else { // the last version seen is gone: continue with the older ones
                    while (from < versions.size() && versions.get(from).createdDate.toEpochMilli() >= createdBefore) {
                        from++;
                    }
                }
            }
            int to = Math.min(versions.size(), from + maxResults);
            JsonOut out = JsonOut.object().beginArray("Versions");
            for (SecretVersion version : versions.subList(from, to)) {
                // Each version reports the key it was encrypted with when it was written.
                String kmsKeyId = version.kmsKeyId == null ? "DefaultEncryptionKey" : version.kmsKeyId;
                out.beginObject().field("VersionId", version.id).strings("VersionStages", secret.stagesOf(version.id))
                        .field("LastAccessedDate", version.lastAccessedDate).field("CreatedDate", version.createdDate)
                        .strings("KmsKeyIds", List.of(kmsKeyId)).endObject();
            }
            String next = null;
            if (to < versions.size() && to > from) {
                SecretVersion last = versions.get(to - 1);
                next = Pages.token(kind, secret.arn, last.id, Long.toString(last.createdDate.toEpochMilli()));
            }
            return out.endArray().field("NextToken", next).field("ARN", secret.arn).field("Name", secret.name)
                    .toBytes();
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
        String nextTokenParam = params.string("NextToken", 1, 4096);
        if (ids != null && nextTokenParam != null) {
            // SecretIdList answers everything in one page and issues no token: any token here is not one of its own.
            throw Pages.invalid();
        }
        String kind = "BatchGetSecretValue";
        String[] cursor = Pages.cursor(nextTokenParam, kind);
        JsonOut out = JsonOut.object().beginArray("SecretValues");
        List<String[]> errors = new ArrayList<>();
        String nextToken = null;
        if (ids != null) {
            java.util.Set<String> seenIds = new java.util.HashSet<>();
            java.util.Set<String> seenArns = new java.util.HashSet<>();
            for (String id : ids) {
                if (!seenIds.add(id)) {
                    continue; // the same id twice: one entry
                }
                try {
                    Params.checkNameUnlessArn(id);
                    store.locked(id, secret -> {
                        if (seenArns.add(secret.arn)) { // a name and an ARN of one secret: one entry
                            writeCurrent(out, secret);
                        }
                        return null;
                    });
                } catch (ApiException e) {
                    errors.add(new String[] {id, e.code(), e.getMessage()});
                }
            }
        } else {
            int pageSize = max == null ? DEFAULT_BATCH_PAGE : max.intValue();
            List<Listed> all = matching(SecretFilter.parse(filterParams), false);
            Comparator<Listed> order = comparator(null);
            all.sort(order);
            String[] next = new String[1];
            for (Listed listed : page(all, order, cursor, pageSize, kind, next)) {
                synchronized (listed.secret) {
                    try {
                        writeCurrent(out, listed.secret);
                    } catch (ApiException e) {
                        errors.add(new String[] {listed.name, e.code(), e.getMessage()});
                    }
                }
            }
            nextToken = next[0];
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
