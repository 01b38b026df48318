"""Common given names and family names, lowercase: "Sophie Turner", "Alan Davies", "Liu Yifei",
"Rashmi Sharma" are people.

News addresses and openings lead with the star or the showrunner as often as with the show
("sophie-turner-joan-itv-drama"). A run that starts with one of these names and that the text
never writes as a show (no season after it, no "the series" before it, never quoted) is taken
for a person. Shows named after a person ("Ted Lasso season 3", "Jack Ryan returns") are written
as shows somewhere in their own news, so they stay titles.
"""

from __future__ import annotations

_NAMES = """
aaron abby abigail adam adele adrian aidan aimee alan alana albert alec alex alexa alexander
alexandra alexis alfie alfred ali alice alicia alison allison amanda amber amelia amy andre
andrea andrew andy angela angelina angie anna anne annie anthony antonio april archie ariana
arnold ashley aubrey audrey austin ava barbara barry beatrice becky ben benedict benjamin
bernard beth bethany betty beverly bill billie billy blake bob bobby brad bradley brandon brenda
brendan brian bridget britney brittany brooke bruce bryan caitlin caleb callum cameron camila
candace cara carl carla carlos carol caroline carrie casey cassie catherine cathy cecilia celia
chad charles charlie charlotte chelsea cheryl chloe chris christian christina christine
christopher chuck cillian claire clara clare claudia colin colleen connor constance corey
courtney craig cristina cynthia dakota dale damian dan dana daniel danielle danny darren dave
david dawn dean debbie deborah declan denis denise dennis derek diana diane dominic don donald
donna doris dorothy doug douglas drew dustin dylan eddie edgar edward elaine eleanor elena eli
elijah elisabeth eliza elizabeth ella ellen ellie elliot elliott elle elon emilia emily emma
eric erica erin ethan eugene eva evan eve evelyn fiona florence frances francesca francis frank
freddie frederick gabriel gabriella gary gavin gemma gene george georgia gerald gillian gina
glenn gordon graham grant greg gregory gwen gwyneth hailey hannah harold harriet harrison harry
hayley heather heidi helen helena henry hilary holly howard hugh hugo ian idris imogen irene
isaac isabel isabella isla ivan jack jackie jackson jacob jake james jamie jane janet janice
jared jason jean jeff jeffrey jenna jennifer jenny jeremy jerry jesse jessica jill jim jimmy jo
joan joanna jodie joe joel joey john johnny jon jonah jonathan jordan jose joseph josh joshua
joy joyce judith judy julia julian julie justin kaley karen kate katherine kathleen kathryn
kathy katie katy keanu keira keith kelly kelsey ken kenneth kerry kevin kieran kim kirsten
kristen kyle kylie lana larry laura lauren leah lena leo leon leonard lewis liam lily linda
lindsay lisa liz logan lorraine louis louise lucas lucy luis luke lydia lynn madeleine madison
maggie malcolm mandy marc marcus margaret margot maria mariah marie marion mark martha martin
mary matt matthew maura maureen max maya megan meghan melanie melissa meryl mia michael michelle
mickey miguel mike mila miles millie molly monica morgan nadia nancy naomi natalie natasha
nathan neil nicholas nick nicky nicola nicole nigel nina noah noel nora oliver olivia omar oscar
owen paddy pamela patricia patrick paul paula pedro penelope penny peter phil philip phoebe
pierce piers rachel ralph rebecca reese regina rhys richard rick ricky riley rita rob robert
robbie robin roger ron ronald rory rosamund rose ross ruby rupert russell ruth ryan sally sam
samantha samuel sandra sara sarah scarlett scott sean sebastian selena seth shane shannon sharon
shaun sheila sheridan shirley sienna simon sofia sophia sophie stacey stanley stephanie stephen
steve steven stuart susan suzanne sydney sylvia tamsin tanya taylor ted teresa terry thandiwe
theo theresa thomas tiffany tim timothy tina toby todd tom tommy toni tony tracy travis trevor
tyler valerie vanessa vera veronica vicky victor vince vincent violet viola virginia walter
warren wayne wendy will william willie winona zac zach zachary zoe zendaya
"""
GIVEN_NAMES = frozenset(_NAMES.split())

# Family names written first, before a one-word given name ("Liu Yifei", "Zhao Liying"); only
# those that are no English word ("Fan", "Long", "Song" are left out).
_SURNAME_FIRST = """
wang zhang liu chen yang zhao huang zhou xu zhu gao lin guo luo liang zheng xie tang feng dong
xiao cheng cao yuan deng shen zeng peng jiang cai jia ding wei xia zhong tian qin qiu cui kong
qian yin qiao lai xiong zou liao duan hou shao meng yao dai
"""
# Family names written last ("Rashmi Sharma", "Karan Johar").
_SURNAME_LAST = """
sharma kapoor khan singh patel gupta kumar mehta joshi reddy iyer nair verma agarwal chopra
malhotra bachchan kaur banerjee mukherjee chatterjee desai pandey mishra tiwari yadav chauhan
thakur saxena bhatt sinha dutt dixit kohli tandon bedi oberoi khanna ahuja sethi dhawan shetty
kaushal padukone ranaut advani bhatia johar qureshi siddiqui hussain akhtar
"""
SURNAMES_FIRST = frozenset(_SURNAME_FIRST.split())
SURNAMES_LAST = frozenset(_SURNAME_LAST.split())
