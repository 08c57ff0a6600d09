package io.aeolus.console.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XmlPrettyPrinterTest
{
    @TempDir
    Path dir;

    @Test
    void shouldIndentNestedElementsKeepingTextAttributesAndComments()
    {
        final String pretty = XmlPrettyPrinter.prettyPrint(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><order id=\"7\"><!-- rush --><line sku=\"A&amp;B\">" +
            "<qty>2</qty><empty/></line><note>fish &amp; chips &lt;3</note></order>").get();

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
            "<order id=\"7\">\n" +
            "  <!-- rush -->\n" +
            "  <line sku=\"A&amp;B\">\n" +
            "    <qty>2</qty>\n" +
            "    <empty/>\n" +
            "  </line>\n" +
            "  <note>fish &amp; chips &lt;3</note>\n" +
            "</order>", pretty);
    }

    @Test
    void shouldKeepNamespacesAndPrefixes()
    {
        final String pretty = XmlPrettyPrinter.prettyPrint(
            "<s:stock xmlns:s=\"urn:s\" xmlns=\"urn:d\"><s:sku>AE-1</s:sku><count>3</count></s:stock>").get();

        assertEquals("<s:stock xmlns:s=\"urn:s\" xmlns=\"urn:d\">\n" +
            "  <s:sku>AE-1</s:sku>\n" +
            "  <count>3</count>\n" +
            "</s:stock>", pretty);
    }

    @Test
    void shouldReindentAlreadyIndentedXmlTheSameWay()
    {
        final String once = XmlPrettyPrinter.prettyPrint("<a><b>1</b><c><d/></c></a>").get();

        assertEquals(once, XmlPrettyPrinter.prettyPrint(once).get());
    }

    @Test
    void shouldRefuseXmlThatIsNotWellFormed()
    {
        assertEquals(Optional.empty(), XmlPrettyPrinter.prettyPrint("<a><b></a>"));
        assertEquals(Optional.empty(), XmlPrettyPrinter.prettyPrint("<a>"));
        assertEquals(Optional.empty(), XmlPrettyPrinter.prettyPrint("not xml"));
    }

    @Test
    void shouldNeverResolveAnExternalEntity() throws Exception
    {
        final Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        final String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"" + secret.toUri() +
            "\">]><foo>&xxe;</foo>";

        final Optional<String> pretty = XmlPrettyPrinter.prettyPrint(xxe);

        assertEquals(Optional.empty(), pretty, "a document with a DTD is refused");
    }

    @Test
    void shouldNeverLoadAnExternalDtd() throws Exception
    {
        final Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY leak \"TOP-SECRET-42\">");
        final String xml = "<!DOCTYPE foo SYSTEM \"" + dtd.toUri() + "\"><foo>&leak;</foo>";

        assertEquals(Optional.empty(), XmlPrettyPrinter.prettyPrint(xml));
    }

    @Test
    void shouldRefuseEntityExpansionBombs()
    {
        final String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">" +
            "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">" +
            "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><lolz>&lol3;</lolz>";

        assertEquals(Optional.empty(), XmlPrettyPrinter.prettyPrint(bomb));
    }

    @Test
    void shouldTellXmlFromOtherTextCheaply()
    {
        assertTrue(XmlPrettyPrinter.looksLikeXml("  <a/>"));
        assertFalse(XmlPrettyPrinter.looksLikeXml("{\"a\":1}"));
    }
}
