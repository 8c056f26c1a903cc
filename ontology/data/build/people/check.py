import re, sys
import os; HERE=os.path.dirname(os.path.abspath(__file__)); D=os.path.join(HERE, '..', '..', '')
def load(name):
    raw=open(D+name,'rb').read(); txt=raw.decode('utf-8')  # raises if not UTF-8
    assert '\r' not in txt and txt.endswith('\n'), name
    lines=txt.rstrip('\n').split('\n'); h=lines[0].split('\t'); rows=[]
    for i,l in enumerate(lines[1:],2):
        c=l.split('\t'); assert len(c)==len(h),(name,i,len(c))
        assert all(x==x.strip() for x in c),(name,i)
        rows.append(dict(zip(h,c)))
    return h,rows
ph,p0=load('people.tsv'); ph2,p1=load('people-more.tsv'); oh,o0=load('offices.tsv'); oh2,o1=load('offices-more.tsv')
assert ph==ph2 and oh==oh2
_,ctry=load('countries.tsv'); _,orgs=load('organisations.tsv')
slugs0=[r['slug'] for r in p0]; slugs1=[r['slug'] for r in p1]
assert len(set(slugs1))==len(slugs1), 'dup slug in more'
assert not set(slugs0)&set(slugs1), set(slugs0)&set(slugs1)
assert slugs1==sorted(slugs1)
assert [r['person_slug'] for r in o1]==sorted(r['person_slug'] for r in o1)
n0={r['name_en'].lower() for r in p0}; assert not [r for r in p1 if r['name_en'].lower() in n0]
for r in p1:
    assert re.fullmatch(r'[a-z0-9]+(-[a-z0-9]+)*',r['slug']) and r['name_en'] and r['name_ar'] and r['name_ru'] and r['gender'] in ('male','female') and r['source']
    assert r['wikidata_qid']=='' or re.fullmatch(r'Q\d+',r['wikidata_qid'])
extra={'UNGA','OAS','CARICOM','PIF','ECOWAS','SADC','EAC','IGAD','AfDB','IMF','World Bank','WTO','WHO','IAEA','NDB','EDB','OTS','Council of Europe','Commonwealth','UNESCO'}
known={r['iso_alpha2'] for r in ctry}|{r['short_en'] for r in orgs}|{r['name_en'] for r in orgs}|extra
pos={'president','prime_minister','vice_president','deputy_prime_minister','foreign_minister','king','emir','crown_prince','head_of_state','secretary_general','commission_chair','spokesperson','presidential_aide'}
allslugs=set(slugs0)|set(slugs1); d=re.compile(r'^$|^\d{4}(-\d{2}(-\d{2})?)?$')
for r in o1:
    assert r['person_slug'] in allslugs, r
    assert r['of'] in known, r['of']; assert r['position'] in pos, r['position']
    assert d.match(r['start']) and d.match(r['end']), r
print('OK people-more', len(p1), 'offices-more', len(o1), 'people with offices', len({r['person_slug'] for r in o1}))
print('of values outside countries.tsv/organisations.tsv:', sorted({r['of'] for r in o1}-({r['iso_alpha2'] for r in ctry}|{r['short_en'] for r in orgs})))
print('positions:', {p:sum(1 for r in o1 if r['position']==p) for p in sorted(pos)})
print('qids:', [(r['slug'],r['wikidata_qid']) for r in p1 if r['wikidata_qid']])
print('people without office row:', [s for s in slugs1 if s not in {r['person_slug'] for r in o1}])
