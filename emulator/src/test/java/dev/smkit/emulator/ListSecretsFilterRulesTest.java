package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.junit.EmulatorExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;

/** One test per ListSecrets filter rule written down in the emulator README. */
class ListSecretsFilterRulesTest {
    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @BeforeEach
    void secrets() {
        emulator.client().createSecret(r -> r.name("prod/db").description("Main database").secretString("v")
                .tags(t -> t.key("team").value("payments")));
        emulator.client().createSecret(r -> r.name("prod/cache").description("Cache cluster").secretString("v")
                .tags(t -> t.key("team").value("platform")));
        emulator.client().createSecret(r -> r.name("dev/db").secretString("v"));
    }

    private static Filter filter(FilterNameStringType key, String... values) {
        return Filter.builder().key(key).values(values).build();
    }

    private static List<String> names(Filter... filters) {
        return emulator.client().listSecrets(r -> r.filters(filters).sortBy("name")).secretList().stream()
                .map(e -> e.name()).collect(Collectors.toList());
    }

    @Test
    void allBreaksTheValueIntoWordsAndEachMustStartAWordOfAnyAttribute() {
        assertThat(names(filter(FilterNameStringType.ALL, "PROD data"))).containsExactly("prod/db");
        assertThat(names(filter(FilterNameStringType.ALL, "pay"))).containsExactly("prod/db");
        assertThat(names(filter(FilterNameStringType.ALL, "db"))).containsExactly("dev/db", "prod/db");
        assertThat(names(filter(FilterNameStringType.ALL, "atabase"))).isEmpty(); // word starts only
    }

    @Test
    void bangNegatesAndExclusionsOfOneFilterMustAllHold() {
        assertThat(names(filter(FilterNameStringType.NAME, "!prod"))).containsExactly("dev/db");
        assertThat(names(filter(FilterNameStringType.NAME, "!prod/db", "!dev"))).containsExactly("prod/cache");
        // Included values are ORed, then the exclusions apply.
        assertThat(names(filter(FilterNameStringType.NAME, "prod", "dev", "!prod/c"))).containsExactly("dev/db",
                "prod/db");
        assertThat(names(filter(FilterNameStringType.TAG_VALUE, "!pay"))).containsExactly("dev/db", "prod/cache");
    }

    @Test
    void valuesMadeOnlyOfSeparatorsMatchNothingInWordFilters() {
        assertThat(names(filter(FilterNameStringType.ALL, "/"))).isEmpty();
        assertThat(names(filter(FilterNameStringType.DESCRIPTION, "- _"))).isEmpty();
        assertThat(names(filter(FilterNameStringType.ALL, "!/"))).containsExactly("dev/db", "prod/cache", "prod/db");
        // name, tag-key, tag-value are prefixes: "/" is an ordinary character there.
        assertThat(names(filter(FilterNameStringType.NAME, "/"))).isEmpty();
        assertThat(names(filter(FilterNameStringType.NAME, ""))).hasSize(3);
    }

    @Test
    void severalFiltersOfOneKeyAreAnded() {
        assertThat(names(filter(FilterNameStringType.NAME, "prod"), filter(FilterNameStringType.NAME, "prod/d")))
                .containsExactly("prod/db");
        assertThat(names(filter(FilterNameStringType.NAME, "prod"), filter(FilterNameStringType.NAME, "dev")))
                .isEmpty();
    }

    @Test
    void prefixFiltersAreCaseSensitiveWordFiltersAreNot() {
        assertThat(names(filter(FilterNameStringType.NAME, "PROD"))).isEmpty();
        assertThat(names(filter(FilterNameStringType.DESCRIPTION, "MAIN"))).containsExactly("prod/db");
        assertThat(names(filter(FilterNameStringType.TAG_KEY, "Team"))).isEmpty();
    }
}
