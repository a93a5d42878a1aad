/*
 * dwell's own web-shell signatures for Exchange and IIS server pages (the exchange pack's webshell-content
 * check runs them on .aspx/.ashx/.asmx/.asp items). Each rule's name is the "form" the finding reports.
 */

rule china_chopper_eval
{
    meta:
        description = "China Chopper server side: eval of a request parameter with the 'unsafe' flag"
        reference = "https://www.fireeye.com/blog/threat-research/2013/08/breaking-down-the-china-chopper-web-shell-part-i.html"
    strings:
        // <%eval(Request.Item["p"],"unsafe");%> and its spacing variants
        $eval = /eval\s*\(\s*Request(\.Item)?\s*\[[^\]]{1,128}\]\s*,\s*["']unsafe["']/ nocase
    condition:
        $eval
}

rule page_load_eval_request
{
    meta:
        description = "A Page_Load that evaluates a request parameter, the page ProxyLogon wrote through the OAB virtual directory"
        reference = "https://www.microsoft.com/security/blog/2021/03/02/hafnium-targeting-exchange-servers/"
    strings:
        // <script language="JScript" runat="server">function Page_Load(){eval(Request["x"],"unsafe");}</script>
        $page_load = /Page_Load\s*\([^)]{0,128}\)\s*\{\s*eval\s*\(\s*Request/ nocase
    condition:
        $page_load
}

rule jscript_eval_request
{
    meta:
        description = "A JScript page whose first code evaluates the request"
        reference = "https://www.cisa.gov/news-events/cybersecurity-advisories/aa21-062a"
    strings:
        $jscript_eval = /<%@\s*Page\s+Language\s*=\s*["']?Jscript["']?\s*%>\s*<%\s*eval\s*\(\s*Request/ nocase
    condition:
        $jscript_eval
}
