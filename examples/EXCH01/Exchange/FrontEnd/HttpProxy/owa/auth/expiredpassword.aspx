<%@ Page Language="C#" AutoEventWireup="false" Inherits="Microsoft.Exchange.HttpProxy.ExpiredPassword" %>
<!DOCTYPE html>
<html>
<head><title>Outlook</title></head>
<body>
<form action="/owa/auth/expiredpassword.aspx" method="POST"></form>
</body>
</html>
