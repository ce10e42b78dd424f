"""A minified JavaScript bundle of about N MB on one line, with a v2 Flexy call (a fetch of
/v2/account/balance with an authorization header) after the first 50 modules: what
benches/memory.sh checks. Deterministic (seeded).

Usage: python3 benches/bundle.py MB > bundle.js
"""
import sys, random
def bundle(size):
    r = random.Random(7)
    parts = []
    n = 0
    i = 0
    flexy = 'var Fx=function(k){return fetch("https://flexy-api.oneclickdz.com/v2/account/balance",{headers:{authorization:k}}).then(function(r){return r.json()}).then(function(d){return d.balance})};'
    while n < size:
        a, b, c = "a%x" % i, "b%x" % (i * 7 % 9973), "c%x" % (i * 13 % 7919)
        chunk = ('function %s(e,t){var n=e.%s+t*%d,r=[1,2,3,"%s"];if(n>%d&&t!==null){return r.map(function(o){return o.%s?o:{id:o,v:n}})}'
                 'for(var i=0;i<n;i++){t=t+e[i]|0}return{%s:n,%s:"x-%d",f:function(){return %s(e,t-1)}}}' %
                 (a, b, r.randrange(100), c, r.randrange(1000), c, b, c, i, a))
        if i % 3 == 0:
            chunk += 'var %s_=%s({%s:1},2),%s=[%s_,%s_.f(),typeof window!=="undefined"?window.%s:void 0];' % (a, a, b, c, a, a, c)
        parts.append(chunk)
        n += len(chunk)
        i += 1
        if len(parts) == 50:
            parts.append(flexy)
            n += len(flexy)
    return "".join(parts)
size = int(float(sys.argv[1]) * 1_000_000)
sys.stdout.write("!function(){" + bundle(size) + "}();\n")
