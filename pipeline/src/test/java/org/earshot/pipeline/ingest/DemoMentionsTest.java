package org.earshot.pipeline.ingest;

import org.earshot.pipeline.validate.MentionParser;
import org.earshot.pipeline.validate.ParseResult;
import org.earshot.schemas.FeedRecord;
import org.earshot.local.demo.DemoMentions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.Mention;
import org.junit.jupiter.api.Test;

class DemoMentionsTest {
    private final DemoMentions generator = new DemoMentions(42L, 0.02, 0.01, 1_767_225_600_000L);

    @Test
    void isAPureFunctionOfTheIndex() {
        for (long i = 0; i < 200; i++) {
            assertThat(generator.generate(i).value).isEqualTo(generator.generate(i).value);
        }
    }

    @Test
    void stampsRecordsATenthOfASecondApartUnlessToldARate() {
        long start = 1_767_225_600_000L;
        assertThat(generator.mention(0).publishedAt.toEpochMilli()).isEqualTo(start);
        assertThat(generator.mention(864_000).publishedAt.toEpochMilli()).isEqualTo(start + 86_400_000L);
        DemoMentions live = generator.stampedAt(15_000);
        assertThat(live.mention(15_000).publishedAt.toEpochMilli()).isEqualTo(start + 1_000);
        assertThat(live.mention(900_000).publishedAt.toEpochMilli()).isEqualTo(start + 60_000);
        assertThat(live.mention(7).text).isEqualTo(generator.mention(7).text);
    }

    @Test
    void producesTheRequestedSharesOfDuplicatesAndMalformedRecords() {
        Map<FeedRecord.Kind, Long> kinds = LongStream.range(0, 10_000).mapToObj(generator::generate)
                .collect(Collectors.groupingBy(r -> r.kind, Collectors.counting()));
        assertThat(kinds.get(FeedRecord.Kind.DUPLICATE)).isBetween(150L, 250L);
        assertThat(kinds.get(FeedRecord.Kind.MALFORMED)).isBetween(70L, 130L);
    }

    @Test
    void everyMalformedRecordIsRefusedWithItsExpectedReason() {
        LongStream.range(0, 5_000).mapToObj(generator::generate).filter(r -> r.kind == FeedRecord.Kind.MALFORMED).forEach(r -> {
            ParseResult result = MentionParser.parse(r.value, 0L);
            assertThat(result).isInstanceOf(ParseResult.Refused.class);
            assertThat(((ParseResult.Refused) result).reason()).contains(r.expectedReason);
        });
    }

    @Test
    void duplicatesShareAnIdOrACanonicalUrlWithAnEarlierValidRecord() {
        MentionNormalizer normalizer = new MentionNormalizer(100_000);
        Set<String> ids = new HashSet<>();
        Set<String> urls = new HashSet<>();
        for (long i = 0; i < 5_000; i++) {
            FeedRecord r = generator.generate(i);
            if (r.kind == FeedRecord.Kind.MALFORMED) continue;
            Mention m = normalizer.normalize(((ParseResult.Parsed) MentionParser.parse(r.value, 0L)).mention());
            boolean seen = ids.contains(m.id) || urls.contains(m.canonicalUrl);
            assertThat(seen).as("record %d (%s) seen before", i, r.kind).isEqualTo(r.kind == FeedRecord.Kind.DUPLICATE);
            ids.add(m.id);
            urls.add(m.canonicalUrl);
        }
    }

    @Test
    void looksLikeSocialText() {
        Set<String> networks = new HashSet<>();
        Set<String> langs = new HashSet<>();
        boolean hashtags = false;
        boolean emoji = false;
        for (long i = 0; i < 2_000; i++) {
            Mention m = generator.mention(i);
            networks.add(m.network);
            if (m.lang != null) langs.add(m.lang);
            hashtags |= m.text.contains("#");
            emoji |= m.text.codePoints().anyMatch(cp -> cp > 0x1F000);
        }
        assertThat(networks).hasSize(6).allSatisfy(n -> assertThat(n).startsWith(DemoMentions.GENERATED));
        assertThat(langs).contains("en", "es", "fr", "de", "pt");
        assertThat(hashtags).isTrue();
        assertThat(emoji).isTrue();
    }
}
