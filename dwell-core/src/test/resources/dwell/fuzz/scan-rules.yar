// Rules that made scans hang before issue 19 (hex jumps, nested and alternating repetition, dot-stars), and plain ones
rule hexjump { strings: $a = { 61 [-] 61 [-] 61 [-] 61 [-] 62 } condition: $a }
rule hex60 { strings: $a = { 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 61 [0-200] 62 } condition: $a }
rule nested { strings: $a = /(a+)+b/ condition: $a }
rule dotstar { strings: $a = /a.*b.*c.*d/s condition: $a }
rule alt { strings: $a = /(a|aa){1,1000}c/ condition: $a }
rule chopper { strings: $a = "eval(Request" nocase wide ascii $b = { 3C 25 [0-40] 25 3E } condition: any of them }
