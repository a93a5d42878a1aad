<%@ Page Language="C#" AutoEventWireup="false" Inherits="Microsoft.Exchange.HttpProxy.Logon" %>
<%@ Import Namespace="Microsoft.Exchange.HttpProxy" %>
<!DOCTYPE html>
<html>
<head>
<title>Outlook</title>
<link rel="stylesheet" href="<%=InlineJavascript("themes/resources/logon.css")%>">
</head>
<body class="signInBg">
<form action="/owa/auth.owa" method="POST" name="logonForm">
<input id="username" name="username" type="text">
<input id="password" name="password" type="password">
</form>
</body>
</html>
